/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gui/confianza-application.h"
#include "gui/confianza-reminder-check.h"

/*
 * Where the translations are: beside the program when it was installed
 * somewhere else than its build's prefix (a DESTDIR, a moved folder), in the
 * build tree when it runs from there, else where it was built to go.
 */
static char *
find_locale_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bindir = NULL;
  const char *candidates[] = { "../share/locale", "../po" };

  if (exe == NULL)
    return g_strdup (LOCALEDIR);

  bindir = g_path_get_dirname (exe);
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *dir = g_build_filename (bindir, candidates[i], NULL);
      g_autofree char *mo = g_build_filename (dir, "es", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

      if (g_file_test (mo, G_FILE_TEST_IS_REGULAR))
        return g_canonicalize_filename (dir, NULL);
    }

  return g_strdup (LOCALEDIR);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ConfianzaApplication) app = NULL;
  g_autofree char *locale_dir = NULL;

  setlocale (LC_ALL, "");
  locale_dir = find_locale_dir ();
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Before anything of GTK: it runs with no display */
  if (confianza_remind_requested (argc, argv))
    return confianza_remind_main (argc, argv);

  app = confianza_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
