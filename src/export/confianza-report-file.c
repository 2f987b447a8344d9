/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-report"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "model/confianza-text.h"
#include "confianza-report-internal.h"

#ifndef O_CLOEXEC
# define O_CLOEXEC 0
#endif

/* Errors */

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *shown = confianza_text_display_filename (path);

  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
      g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_FULL,
                   _("The disk is full, so the report “%s” could not be saved. "
                     "Free some space, or choose another place, and try again."),
                   shown);
      break;

    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_READ_ONLY,
                   _("You cannot save files in that place, so the report “%s” "
                     "could not be saved. Choose another folder."),
                   shown);
      break;

    case EISDIR:
      g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder. Choose a file name for the report."),
                   shown);
      break;

    case ENOENT:
    case ENOTDIR:
      g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_NO_FOLDER,
                   _("The folder for the report “%s” does not exist. Choose "
                     "another folder."),
                   shown);
      break;

    default:
      g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_FAILED,
                   _("The report “%s” could not be saved: %s."),
                   shown, g_strerror (saved_errno));
      break;
    }
}

static gboolean
folder_is_full (const char *folder)
{
  struct statvfs st;

  return statvfs (folder, &st) == 0 && st.f_bavail == 0;
}

/* libxlsxwriter's errors, in words: most come from the file system, and the
 * errno they left says which */
static void
set_workbook_error (GError     **error,
                    lxw_error    lxw,
                    int          saved_errno,
                    const char  *output_path,
                    const char  *folder)
{
  g_autofree char *shown = confianza_text_display_filename (output_path);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT || folder_is_full (folder))
    {
      set_errno_error (error, ENOSPC, output_path);
      return;
    }

  switch (lxw)
    {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
      g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_FAILED,
                   _("There was not enough memory to write the report “%s”. "
                     "Close other programs and try again."),
                   shown);
      break;

    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
      if (saved_errno != 0)
        set_errno_error (error, saved_errno, output_path);
      else
        g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_FAILED,
                     _("The report “%s” could not be written to the disk. Check "
                       "that the disk is connected and has room, and try again."),
                     shown);
      break;

    default:
      g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_FAILED,
                   _("The report “%s” could not be made (%s). Nothing was saved."),
                   shown, lxw_strerror (lxw));
      break;
    }
}

/* The files that hold records */

/* What SQLite's files start with: a database, a write-ahead log (two byte
 * orders) and a rollback journal */
static gboolean
holds_records (const guchar *head,
               gsize         length)
{
  static const guchar database[16] = "SQLite format 3";
  static const guchar wal_be[4] = { 0x37, 0x7f, 0x06, 0x82 };
  static const guchar wal_le[4] = { 0x37, 0x7f, 0x06, 0x83 };
  static const guchar journal[8] = { 0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7 };

  return (length >= sizeof database && memcmp (head, database, sizeof database) == 0) ||
         (length >= sizeof wal_be && memcmp (head, wal_be, sizeof wal_be) == 0) ||
         (length >= sizeof wal_le && memcmp (head, wal_le, sizeof wal_le) == 0) ||
         (length >= sizeof journal && memcmp (head, journal, sizeof journal) == 0);
}

/* @path with its folder resolved (another spelling, "..", a symbolic link
 * to a folder): the name of the file it stands for, whether that file
 * exists or not. NULL when the folder does not exist. */
static char *
resolve_name (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *real = realpath (folder, NULL);

  if (real == NULL)
    return NULL;

  return g_build_filename (real, base, NULL);
}

/*
 * A report never replaces records: not the database at @database_path, nor
 * its "-wal", "-shm" or "-journal" file, nor any copy of records. A file
 * that exists is compared by device and inode, so another spelling of its
 * path, a symbolic link or a hard link is caught; a companion file that
 * does not exist yet is compared by its resolved name (a report written as
 * "x.db-wal" would be taken for the log the next time x.db opens). Any
 * other existing file that starts as SQLite's files do is a database or a
 * log, whatever its name (the backups among them), and is refused too.
 */
static gboolean
check_not_records (const char  *database_path,
                   const char  *output_path,
                   GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *base = g_path_get_basename (output_path);
  /* The name alone, as typed in the Save dialog: the sentence must fit in
   * a notification */
  g_autofree char *shown = confianza_text_display_filename (base);
  g_autofree char *target_name = resolve_name (output_path);
  g_autofree char *database_name = NULL;
  g_autofree char *database_real = NULL;
  const char *bases[2];
  GStatBuf target;
  gboolean exists;

  exists = g_stat (output_path, &target) == 0;

  if (database_path != NULL && *database_path != '\0')
    {
      /* SQLite keeps the companion files beside the file a link points to */
      database_name = resolve_name (database_path);
      database_real = realpath (database_path, NULL);
    }
  bases[0] = database_name;
  bases[1] = database_real;

  for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
    {
      for (guint i = 0; bases[b] != NULL && i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *name = g_strconcat (bases[b], suffixes[i], NULL);
          GStatBuf st;

          if (g_strcmp0 (name, target_name) == 0 ||
              (exists && g_stat (name, &st) == 0 &&
               st.st_dev == target.st_dev && st.st_ino == target.st_ino))
            {
              if (i == 0)
                g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_PROTECTED,
                             _("“%s” is your database. A report never replaces it: "
                               "choose another name."),
                             shown);
              else
                g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_PROTECTED,
                             _("“%s” is part of your database. A report never replaces "
                               "it: choose another name."),
                             shown);
              return FALSE;
            }
        }
    }

  if (exists && S_ISREG (target.st_mode))
    {
      guchar head[16];
      gssize length = -1;
      int fd = g_open (output_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);

      if (fd >= 0)
        {
          length = read (fd, head, sizeof head);
          close (fd);
        }

      if (length < 0)
        {
          g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_PROTECTED,
                       _("“%s” cannot be read, so it could hold records. A report "
                         "never replaces it: choose another name."),
                       shown);
          return FALSE;
        }

      if (holds_records (head, (gsize) length))
        {
          g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_PROTECTED,
                       _("“%s” is a database or part of one. A report never "
                         "replaces it: choose another name."),
                       shown);
          return FALSE;
        }
    }

  return TRUE;
}

/* Everything that can be said about the target before any work is done */
gboolean
check_target (const char  *database_path,
              const char  *output_path,
              GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;

  if (output_path == NULL || *output_path == '\0')
    {
      g_set_error_literal (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_INVALID,
                           _("Choose a file name for the report."));
      return FALSE;
    }

  base = g_path_get_basename (output_path);
  if (g_file_test (output_path, G_FILE_TEST_IS_DIR) ||
      g_str_has_suffix (output_path, G_DIR_SEPARATOR_S) ||
      strcmp (base, ".") == 0 || strcmp (base, "..") == 0)
    {
      set_errno_error (error, EISDIR, output_path);
      return FALSE;
    }

  folder = g_path_get_dirname (output_path);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *shown = confianza_text_display_filename (folder);

      g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_NO_FOLDER,
                   _("The folder “%s” does not exist. Choose another folder for "
                     "the report."),
                   shown);
      return FALSE;
    }

  if (g_access (folder, W_OK) != 0)
    {
      g_autofree char *shown = confianza_text_display_filename (folder);

      g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_READ_ONLY,
                   _("You cannot save files in the folder “%s”. Choose another "
                     "folder for the report."),
                   shown);
      return FALSE;
    }

  return check_not_records (database_path, output_path, error);
}

gboolean
check_period (GDateTime  *from,
              GDateTime  *to,
              GError    **error)
{
  if (from != NULL && to != NULL && confianza_date_compare (from, to) > 0)
    {
      g_set_error_literal (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_INVALID,
                           _("The period ends before it starts. Choose an end date "
                             "after the start date."));
      return FALSE;
    }

  return TRUE;
}

/* Our own connection: never a new, empty database in place of a missing one */
ConfianzaStore *
open_store (const char  *database_path,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  ConfianzaStore *store;

  if (database_path == NULL || !g_file_test (database_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *shown = g_filename_display_name (database_path != NULL ? database_path : "");

      g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_DATABASE,
                   _("There are no records at “%s” to make a report from."),
                   shown);
      return NULL;
    }

  store = confianza_store_open_read_only (database_path, &local_error);
  if (store == NULL)
    g_set_error_literal (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_DATABASE,
                         local_error->message);

  return store;
}

/* Writing the file */

/* The whole workbook is built and closed under a "C" LC_NUMERIC for this
 * thread only: libxlsxwriter 1.1.4 formats numbers (cells, column widths,
 * chart sizes) with printf, which would write "1,5" in Spanish. */
static locale_t
enter_c_numeric (locale_t *previous)
{
  locale_t base = duplocale (uselocale ((locale_t) 0));
  locale_t c_numeric;

  if (base == (locale_t) 0)
    return (locale_t) 0;

  c_numeric = newlocale (LC_NUMERIC_MASK, "C", base);
  if (c_numeric == (locale_t) 0)
    {
      freelocale (base);
      return (locale_t) 0;
    }

  *previous = uselocale (c_numeric);

  return c_numeric;
}

static void
leave_c_numeric (locale_t c_numeric,
                 locale_t previous)
{
  uselocale (previous);
  freelocale (c_numeric);
}

/* A hidden name in the target folder, so that the final rename cannot
 * cross file systems; readable only by its owner from the start, since a
 * report holds clients' personal data */
char *
make_temporary (const char  *output_path,
                const char  *folder,
                GError     **error)
{
  g_autofree char *base = g_path_get_basename (output_path);
  g_autofree char *template = NULL;
  int fd;

  /* Room for ".", "-XXXXXX.part" within a 255-byte name */
  if (strlen (base) > 200)
    {
      const char *end = base + 200;

      while (end > base && (((guchar) *end) & 0xC0) == 0x80)
        end--;
      base[end - base] = '\0';
    }

  template = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s-XXXXXX.part", folder, base);
  fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_errno_error (error, errno, output_path);
      return NULL;
    }
  close (fd);

  return g_steal_pointer (&template);
}

/* Flushes a file or a folder to the disk. A file system that cannot flush
 * a folder says so with EINVAL: there is nothing more to do there. */
static gboolean
sync_path (const char *path,
           gboolean    folder,
           int        *saved_errno)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0), 0);
  gboolean ok;

  if (fd < 0)
    {
      *saved_errno = errno;
      return FALSE;
    }

  ok = fsync (fd) == 0 || (folder && errno == EINVAL);
  if (!ok)
    *saved_errno = errno;
  close (fd);

  return ok;
}

/*
 * Moves the finished workbook over @output_path, checking again that the
 * target holds no records (it may have changed while the report was made).
 * The report is never readable by more people than the file it replaces:
 * its mode is 0600, or the replaced file's mode where that is stricter
 * (0400 stays 0400, 0644 becomes 0600). The file is flushed before the
 * rename, and its folder after it, so that a crash leaves either the old
 * file or the whole report.
 */
gboolean
move_into_place (const char  *temporary,
                 const char  *output_path,
                 const char  *folder,
                 const char  *database_path,
                 GError     **error)
{
  GStatBuf old;
  mode_t mode = 0600;
  int saved_errno = 0;

  if (!check_not_records (database_path, output_path, error))
    return FALSE;

  if (g_stat (output_path, &old) == 0 && S_ISREG (old.st_mode))
    mode &= old.st_mode;

  if (g_chmod (temporary, mode) != 0 ||
      !sync_path (temporary, FALSE, &saved_errno) ||
      g_rename (temporary, output_path) != 0 ||
      !sync_path (folder, TRUE, &saved_errno))
    {
      if (saved_errno == 0)
        saved_errno = errno;
      set_errno_error (error, saved_errno, output_path);
      return FALSE;
    }

  return TRUE;
}

/* The target was checked by check_target () before the records were read */
gboolean
write_workbook (const char  *database_path,
                const char  *output_path,
                gboolean     constant_memory,
                const char  *title,
                const char  *business_name,
                BuildFunc    build,
                gpointer     data,
                GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *clean_title = NULL;
  g_autofree char *clean_business = NULL;
  g_autoptr(GError) local_error = NULL;
  lxw_workbook_options options = { 0 };
  lxw_doc_properties properties = { 0 };
  Report report = { 0 };
  locale_t c_numeric;
  locale_t previous = (locale_t) 0;
  lxw_error closed;
  int saved_errno = 0;
  gboolean built;

  folder = g_path_get_dirname (output_path);
  temporary = make_temporary (output_path, folder, error);
  if (temporary == NULL)
    return FALSE;

  c_numeric = enter_c_numeric (&previous);
  if (c_numeric == (locale_t) 0)
    {
      g_unlink (temporary);
      g_set_error_literal (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_FAILED,
                           _("The report could not be made: there was not enough "
                             "memory to prepare its number format."));
      return FALSE;
    }

  /* libxlsxwriter's own temporary files go beside the report, not to a
   * possibly small /tmp; they are removed as soon as they are open */
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  options.tmpdir = folder;
  report.workbook = workbook_new_opt (temporary, &options);
  if (report.workbook == NULL)
    {
      leave_c_numeric (c_numeric, previous);
      g_unlink (temporary);
      set_workbook_error (error, LXW_ERROR_MEMORY_MALLOC_FAILED, 0, output_path, folder);
      return FALSE;
    }

  report.today = confianza_date_today ();
  report.sheet_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  report.currency_formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  report_init_formats (&report);

  built = build (&report, data, &local_error);

  if (built && report.error == LXW_NO_ERROR)
    {
      clean_title = clean_text (title);
      clean_business = clean_text (business_name);
      properties.title = clean_title;
      properties.author = clean_business;
      properties.company = clean_business;
      properties.comments = (char *) _("Made with Confianza");
      properties.created = time (NULL);
      report_check (&report, workbook_set_properties (report.workbook, &properties));
    }

  if (!built || report.error != LXW_NO_ERROR)
    {
      lxw_workbook_free (report.workbook);
      closed = report.error;
    }
  else
    {
      errno = 0;
      closed = workbook_close (report.workbook);
      saved_errno = errno;
    }

  leave_c_numeric (c_numeric, previous);
  g_clear_pointer (&report.today, g_date_time_unref);
  g_clear_pointer (&report.sheet_names, g_hash_table_unref);
  g_clear_pointer (&report.currency_formats, g_hash_table_unref);

  if (!built)
    {
      g_unlink (temporary);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (closed != LXW_NO_ERROR)
    {
      g_unlink (temporary);
      set_workbook_error (error, closed, saved_errno, output_path, folder);
      return FALSE;
    }

  if (!move_into_place (temporary, output_path, folder, database_path, error))
    {
      g_unlink (temporary);
      return FALSE;
    }

  return TRUE;
}
