/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-report"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "model/confianza-buffer.h"
#include "model/confianza-recovery.h"
#include "model/confianza-text.h"
#include "model/confianza-trust.h"
#include "confianza-report.h"
#include "confianza-report-private.h"

#ifndef O_CLOEXEC
# define O_CLOEXEC 0
#endif

#define MAX_COLUMNS          16
/* Column widths are in Excel's units, about one character each */
#define DEFAULT_WIDTH_CAP    50.0
#define DATE_WIDTH           10.0
#define MIN_WIDTH            6.0
#define WIDTH_PADDING        1.5
/* A unit of width is a digit; letters of text are narrower on average */
#define AVERAGE_CHARS        1.1
/* Points: the default row of an 11-point font */
#define ROW_HEIGHT           15.0
/* Excel's own limits */
#define EXCEL_MAX_STRING     32767
#define EXCEL_MAX_SHEET_NAME 31
/* Built-in "short date": Excel and LibreOffice show it in their user's own
 * format (dd/mm/aaaa in Spanish), where a format string would impose one */
#define DATE_FORMAT_INDEX    14
#define MONTH_FORMAT         "mmm yyyy"

#define RGB_HEADER_FILL      0xDEDDDA
#define RGB_OVERDELIVERED    0x2EC27E
#define RGB_KEPT             0x3584E4
#define RGB_LATE             0xE66100
#define RGB_BROKEN           0xC01C28
#define RGB_OVERDUE          0xF5C211
#define RGB_OPEN             0xC0BFBC
#define RGB_RATE             0x1C71D8

G_DEFINE_QUARK (confianza-report-error-quark, confianza_report_error)

/* One workbook being written */
typedef struct
{
  lxw_workbook *workbook;
  /* The first error libxlsxwriter returned while the sheets were filled */
  lxw_error     error;
  GDateTime    *today;
  /* Sheet names in use, case-folded: Excel compares them without case */
  GHashTable   *sheet_names;
  GHashTable   *currency_formats;   /* code → lxw_format, owned by the workbook */

  lxw_format   *title;
  lxw_format   *heading;
  lxw_format   *header;
  lxw_format   *header_right;   /* over numbers and dates */
  lxw_format   *label;
  lxw_format   *text;
  lxw_format   *dash;
  lxw_format   *date;
  lxw_format   *month;
  lxw_format   *integer;
  lxw_format   *decimal;
  lxw_format   *quantity;
  lxw_format   *percent;
  lxw_format   *days;
  /* Values beside a label, in a form rather than a table: left-aligned */
  lxw_format   *form_date;
  lxw_format   *form_integer;
  lxw_format   *form_percent;
} Report;

/* One worksheet, with the widths its content needs */
typedef struct
{
  Report        *report;
  lxw_worksheet *worksheet;
  char          *name;
  lxw_row_t      row;         /* next row to write */
  guint          row_lines;   /* lines of the tallest wrapped text in it */
  double         widths[MAX_COLUMNS];
  double         caps[MAX_COLUMNS];
} Sheet;

typedef gboolean (*BuildFunc) (Report   *report,
                               gpointer  data,
                               GError  **error);

/* Helpers: values */

static GPtrArray *
array_from_model (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (model, i));

  g_object_unref (model);

  return array;
}

/* Clean text (confianza-text.h: nothing that XML forbids), cut to the
 * longest text a cell may hold. NULL stays NULL. */
static char *
clean_text (const char *text)
{
  char *clean = confianza_text_clean (text);

  if (clean != NULL && g_utf8_strlen (clean, -1) > EXCEL_MAX_STRING)
    *g_utf8_offset_to_pointer (clean, EXCEL_MAX_STRING) = '\0';

  return clean;
}

static gboolean
text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static int
month_key (GDateTime *date)
{
  return g_date_time_get_year (date) * 12 + g_date_time_get_month (date) - 1;
}

/* Both ends included, NULL = no limit. A record without a date belongs only
 * to the unlimited period. */
static gboolean
in_period (GDateTime *date,
           GDateTime *from,
           GDateTime *to)
{
  if (date == NULL)
    return from == NULL && to == NULL;
  if (from != NULL && confianza_date_compare (date, from) < 0)
    return FALSE;
  if (to != NULL && confianza_date_compare (date, to) > 0)
    return FALSE;

  return TRUE;
}

/* The day a promise counts for: when it fell due */
static GDateTime *
promise_period_date (ConfianzaPromise *promise)
{
  GDateTime *due = confianza_promise_get_due_on (promise);

  return due != NULL ? due : confianza_promise_get_promised_on (promise);
}

/* A recovery plan under way at some time in the period */
static gboolean
plan_in_period (ConfianzaRecoveryPlan *plan,
                GDateTime             *from,
                GDateTime             *to)
{
  GDateTime *started = confianza_recovery_plan_get_started_on (plan);
  GDateTime *closed = confianza_recovery_plan_get_closed_on (plan);

  if (to != NULL && started != NULL && confianza_date_compare (started, to) > 0)
    return FALSE;
  if (from != NULL && closed != NULL && confianza_date_compare (closed, from) < 0)
    return FALSE;

  return TRUE;
}

static int
compare_incidents_by_date (gconstpointer a,
                           gconstpointer b)
{
  ConfianzaIncident *x = *(ConfianzaIncident * const *) a;
  ConfianzaIncident *y = *(ConfianzaIncident * const *) b;
  int order = confianza_date_compare (confianza_incident_get_happened_on (x),
                                      confianza_incident_get_happened_on (y));

  if (order != 0)
    return order;

  return (confianza_incident_get_id (x) > confianza_incident_get_id (y)) -
         (confianza_incident_get_id (x) < confianza_incident_get_id (y));
}

static int
compare_quick_wins_by_date (gconstpointer a,
                            gconstpointer b)
{
  ConfianzaQuickWin *x = *(ConfianzaQuickWin * const *) a;
  ConfianzaQuickWin *y = *(ConfianzaQuickWin * const *) b;
  int order = confianza_date_compare (confianza_quick_win_get_achieved_on (x),
                                      confianza_quick_win_get_achieved_on (y));

  if (order != 0)
    return order;

  return (confianza_quick_win_get_id (x) > confianza_quick_win_get_id (y)) -
         (confianza_quick_win_get_id (x) < confianza_quick_win_get_id (y));
}

static int
compare_plans_by_start (gconstpointer a,
                        gconstpointer b)
{
  ConfianzaRecoveryPlan *x = *(ConfianzaRecoveryPlan * const *) a;
  ConfianzaRecoveryPlan *y = *(ConfianzaRecoveryPlan * const *) b;
  int order = confianza_date_compare (confianza_recovery_plan_get_started_on (x),
                                      confianza_recovery_plan_get_started_on (y));

  if (order != 0)
    return order;

  return (confianza_recovery_plan_get_id (x) > confianza_recovery_plan_get_id (y)) -
         (confianza_recovery_plan_get_id (x) < confianza_recovery_plan_get_id (y));
}

/* Helpers: the workbook */

static void
report_check (Report    *report,
              lxw_error  error)
{
  if (report->error == LXW_NO_ERROR && error != LXW_NO_ERROR)
    {
      g_debug ("libxlsxwriter: %s", lxw_strerror (error));
      report->error = error;
    }
}

static lxw_format *
report_add_format (Report *report)
{
  lxw_format *format = workbook_add_format (report->workbook);

  format_set_align (format, LXW_ALIGN_VERTICAL_TOP);

  return format;
}

static void
report_init_formats (Report *report)
{
  report->title = workbook_add_format (report->workbook);
  format_set_bold (report->title);
  format_set_font_size (report->title, 16);

  report->heading = report_add_format (report);
  format_set_bold (report->heading);
  format_set_font_size (report->heading, 12);

  report->header = report_add_format (report);
  format_set_bold (report->header);
  format_set_text_wrap (report->header);
  format_set_bg_color (report->header, RGB_HEADER_FILL);
  format_set_bottom (report->header, LXW_BORDER_THIN);

  report->header_right = report_add_format (report);
  format_set_bold (report->header_right);
  format_set_text_wrap (report->header_right);
  format_set_bg_color (report->header_right, RGB_HEADER_FILL);
  format_set_bottom (report->header_right, LXW_BORDER_THIN);
  format_set_align (report->header_right, LXW_ALIGN_RIGHT);

  report->label = report_add_format (report);
  format_set_bold (report->label);
  format_set_text_wrap (report->label);

  /* Long texts wrap inside their capped column; Excel and LibreOffice size
   * the row to fit */
  report->text = report_add_format (report);
  format_set_text_wrap (report->text);

  report->dash = report_add_format (report);
  format_set_align (report->dash, LXW_ALIGN_CENTER);

  report->date = report_add_format (report);
  format_set_num_format_index (report->date, DATE_FORMAT_INDEX);

  report->month = report_add_format (report);
  format_set_num_format (report->month, MONTH_FORMAT);
  format_set_align (report->month, LXW_ALIGN_LEFT);

  report->integer = report_add_format (report);
  format_set_num_format (report->integer, "0");

  report->decimal = report_add_format (report);
  format_set_num_format (report->decimal, "0.0");

  report->quantity = report_add_format (report);
  format_set_num_format (report->quantity, "General");

  report->percent = report_add_format (report);
  format_set_num_format (report->percent, "0%");

  /* Days early are positive, days late negative: "+3", "-2", "0" */
  report->days = report_add_format (report);
  format_set_num_format (report->days, "+0;-0;0");

  report->form_date = report_add_format (report);
  format_set_num_format_index (report->form_date, DATE_FORMAT_INDEX);
  format_set_align (report->form_date, LXW_ALIGN_LEFT);

  report->form_integer = report_add_format (report);
  format_set_num_format (report->form_integer, "0");
  format_set_align (report->form_integer, LXW_ALIGN_LEFT);

  report->form_percent = report_add_format (report);
  format_set_num_format (report->form_percent, "0%");
  format_set_align (report->form_percent, LXW_ALIGN_LEFT);
}

/* The number format of an amount of money in @code, the symbol where the
 * currency's own usage puts it */
static lxw_format *
report_currency_format (Report     *report,
                        const char *code)
{
  static const struct { const char *code; const char *format; } known[] = {
    { "EUR", "#,##0.00 \"€\"" },
    { "USD", "\"$\"#,##0.00" },
    { "GBP", "\"£\"#,##0.00" },
    { "MXN", "\"$\"#,##0.00" },
    { "ARS", "\"$\"#,##0.00" },
    { "COP", "\"$\"#,##0.00" },
    { "CLP", "\"$\"#,##0.00" },
    { "CHF", "#,##0.00 \"CHF\"" },
    { "JPY", "\"¥\"#,##0" },
  };
  char safe_code[4] = "";
  g_autofree char *format_string = NULL;
  lxw_format *format;

  /* Only letters reach a format string (a quote would end it) */
  for (guint i = 0; code != NULL && code[i] != '\0' && i < 3; i++)
    {
      if (!g_ascii_isalpha (code[i]))
        break;
      safe_code[i] = g_ascii_toupper (code[i]);
      safe_code[i + 1] = '\0';
    }

  format = g_hash_table_lookup (report->currency_formats, safe_code);
  if (format != NULL)
    return format;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      if (strcmp (known[i].code, safe_code) == 0)
        format_string = g_strdup (known[i].format);
    }
  if (format_string == NULL && safe_code[0] != '\0')
    format_string = g_strdup_printf ("#,##0.00 \"%s\"", safe_code);
  else if (format_string == NULL)
    format_string = g_strdup ("#,##0.00");

  format = report_add_format (report);
  format_set_num_format (format, format_string);
  g_hash_table_insert (report->currency_formats, g_strdup (safe_code), format);

  return format;
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\, not
 * starting or ending with an apostrophe, unique without regard to case. */
static char *
report_sheet_name (Report     *report,
                   const char *wanted)
{
  g_autofree char *clean = clean_text (wanted);
  g_autofree char *base = NULL;
  GString *name = g_string_new (NULL);

  for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && strchr ("[]:*?/\\", (int) c) != NULL)
        g_string_append_c (name, ' ');
      else if (c == '\n' || c == '\t')
        g_string_append_c (name, ' ');
      else
        g_string_append_unichar (name, c);
    }

  g_strstrip (name->str);
  while (name->str[0] == '\'')
    memmove (name->str, name->str + 1, strlen (name->str));
  g_strstrip (name->str);
  base = g_string_free (name, FALSE);
  if (g_utf8_strlen (base, -1) > EXCEL_MAX_SHEET_NAME)
    *g_utf8_offset_to_pointer (base, EXCEL_MAX_SHEET_NAME) = '\0';
  while (*base != '\0' && base[strlen (base) - 1] == '\'')
    base[strlen (base) - 1] = '\0';
  g_strchomp (base);
  if (*base == '\0')
    {
      g_free (base);
      base = g_strdup_printf ("Sheet%u", g_hash_table_size (report->sheet_names) + 1);
    }

  for (guint n = 1; ; n++)
    {
      g_autofree char *candidate = NULL;
      g_autofree char *folded = NULL;

      if (n == 1)
        {
          candidate = g_strdup (base);
        }
      else
        {
          g_autofree char *suffix = g_strdup_printf (" (%u)", n);
          glong room = EXCEL_MAX_SHEET_NAME - (glong) strlen (suffix);
          g_autofree char *stem = g_strdup (base);

          if (g_utf8_strlen (stem, -1) > room)
            *g_utf8_offset_to_pointer (stem, room) = '\0';
          candidate = g_strconcat (stem, suffix, NULL);
        }

      folded = g_utf8_casefold (candidate, -1);
      if (!g_hash_table_contains (report->sheet_names, folded))
        {
          g_hash_table_add (report->sheet_names, g_steal_pointer (&folded));
          return g_steal_pointer (&candidate);
        }
    }
}

/* Helpers: sheets */

static void
sheet_init (Sheet      *sheet,
            Report     *report,
            const char *wanted_name)
{
  memset (sheet, 0, sizeof *sheet);
  sheet->report = report;
  sheet->name = report_sheet_name (report, wanted_name);
  sheet->worksheet = workbook_add_worksheet (report->workbook, sheet->name);
  if (sheet->worksheet == NULL)
    report_check (report, LXW_ERROR_PARAMETER_VALIDATION);

  for (guint i = 0; i < MAX_COLUMNS; i++)
    sheet->caps[i] = DEFAULT_WIDTH_CAP;

  if (sheet->worksheet != NULL)
    {
      /* Printed (and turned to PDF) one page wide, on A4 */
      worksheet_set_paper (sheet->worksheet, 9);
      worksheet_set_landscape (sheet->worksheet);
      worksheet_fit_to_pages (sheet->worksheet, 1, 0);
    }
}

static void
sheet_clear (Sheet *sheet)
{
  g_clear_pointer (&sheet->name, g_free);
}

static void
sheet_fit (Sheet     *sheet,
           lxw_col_t  col,
           double     width)
{
  if (col < MAX_COLUMNS && width > sheet->widths[col])
    sheet->widths[col] = width;
}

/* How many lines @text takes, wrapped at word boundaries in a column
 * @width characters wide, as the spreadsheet will show it */
static guint
text_lines (const char *text,
            double      width)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n", -1);
  guint lines = 0;

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (paragraphs[i], " ", -1);
      double used = 0;

      lines++;
      for (guint j = 0; words[j] != NULL; j++)
        {
          double length = (double) g_utf8_strlen (words[j], -1);

          if (used > 0 && used + 1 + length > width)
            {
              lines++;
              used = 0;
            }
          /* A word longer than the column is cut across lines */
          while (length > width)
            {
              lines++;
              length -= width;
            }
          used += (used > 0 ? 1 : 0) + length;
        }
    }

  return MAX (lines, 1);
}

/* The width a text needs: its longest line */
static double
text_width (const char *text)
{
  glong longest = 0;
  const char *line = text;

  while (line != NULL)
    {
      const char *end = strchr (line, '\n');
      glong length = g_utf8_strlen (line, end != NULL ? end - line : -1);

      longest = MAX (longest, length);
      line = end != NULL ? end + 1 : NULL;
    }

  return (double) longest;
}

static void
sheet_text (Sheet      *sheet,
            lxw_col_t   col,
            const char *text,
            lxw_format *format)
{
  g_autofree char *clean = NULL;

  if (sheet->worksheet == NULL || text == NULL || *text == '\0')
    return;

  clean = clean_text (text);
  /* Always a string cell, never a formula, whatever it starts with */
  report_check (sheet->report,
                worksheet_write_string (sheet->worksheet, sheet->row, col, clean,
                                        format != NULL ? format : sheet->report->text));

  /* Headers are measured by sheet_header (), titles overflow freely */
  if (format == sheet->report->title || format == sheet->report->heading ||
      format == sheet->report->header || format == sheet->report->header_right)
    return;
  sheet_fit (sheet, col, text_width (clean) * (format == sheet->report->label ? 1.1 : 1.0));

  /* Not every spreadsheet program sizes rows to wrapped text on opening a
   * file: the row gets the height its longest text needs */
  if (col < MAX_COLUMNS && text_width (clean) > sheet->caps[col])
    sheet->row_lines = MAX (sheet->row_lines,
                            text_lines (clean, (sheet->caps[col] + WIDTH_PADDING) * AVERAGE_CHARS));
}

static void
sheet_number (Sheet      *sheet,
              lxw_col_t   col,
              double      value,
              lxw_format *format)
{
  double digits;

  if (sheet->worksheet == NULL)
    return;

  /* NaN and infinities have no place in a cell: a dash says "none" */
  if (!isfinite (value))
    {
      report_check (sheet->report,
                    worksheet_write_string (sheet->worksheet, sheet->row, col, "—",
                                            sheet->report->dash));
      sheet_fit (sheet, col, 2);
      return;
    }

  report_check (sheet->report,
                worksheet_write_number (sheet->worksheet, sheet->row, col, value, format));

  digits = floor (log10 (fabs (value) + 1.0)) + 1.0;
  if (format == sheet->report->percent || format == sheet->report->form_percent)
    digits = 4;
  else if (format == sheet->report->decimal)
    digits += 2;
  else if (format == sheet->report->quantity)
    digits += value != floor (value) ? 4 : 0;
  else if (format != sheet->report->integer && format != sheet->report->form_integer &&
           format != sheet->report->days)
    digits += 2 + digits / 3 + 4;   /* money: decimals, groups, symbol */
  sheet_fit (sheet, col, digits + (value < 0 ? 1 : 0));
}

static void
sheet_date (Sheet      *sheet,
            lxw_col_t   col,
            GDateTime  *date,
            lxw_format *format)
{
  lxw_datetime datetime = { 0 };

  if (sheet->worksheet == NULL || date == NULL)
    return;

  g_date_time_get_ymd (date, &datetime.year, &datetime.month, &datetime.day);

  /* Excel's calendar starts in 1900: an older date stays readable as text */
  if (datetime.year < 1900)
    {
      g_autofree char *iso = confianza_date_to_iso (date);

      sheet_text (sheet, col, iso, NULL);
      return;
    }

  report_check (sheet->report,
                worksheet_write_datetime (sheet->worksheet, sheet->row, col, &datetime,
                                          format != NULL ? format : sheet->report->date));
  sheet_fit (sheet, col, format == sheet->report->month ? 9 : DATE_WIDTH);
}

static void
sheet_next_row (Sheet *sheet)
{
  if (sheet->row_lines > 1 && sheet->worksheet != NULL)
    report_check (sheet->report,
                  worksheet_set_row (sheet->worksheet, sheet->row,
                                     ROW_HEIGHT * sheet->row_lines, NULL));
  sheet->row_lines = 0;
  sheet->row++;
}

/* The width a header needs when it may wrap onto two lines: its longest
 * word, or half of it */
static double
header_width (const char *title)
{
  g_auto(GStrv) words = g_strsplit (title, " ", -1);
  double longest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    longest = MAX (longest, (double) g_utf8_strlen (words[i], -1));

  return MAX (longest, ceil (g_utf8_strlen (title, -1) / 2.0));
}

/* @right: a bit per column whose values are numbers or dates, so that the
 * header sits over them */
static void
sheet_header (Sheet             *sheet,
              const char * const *titles,
              guint               n_titles,
              guint               right)
{
  for (guint i = 0; i < n_titles; i++)
    {
      sheet_text (sheet, i, titles[i],
                  (right & (1u << i)) ? sheet->report->header_right : sheet->report->header);
      /* Bold, and room for the filter button */
      sheet_fit (sheet, i, header_width (titles[i]) * 1.1 + 2.5);
      /* The content may make the column wider: then the row is a little
       * taller than it needs, never too short */
      sheet->row_lines = MAX (sheet->row_lines,
                              text_lines (titles[i], header_width (titles[i]) * 1.1 + 1));
    }
  sheet_next_row (sheet);
}

/* Frozen header row and filter over a table from @first_row, then the
 * column widths the content needs */
static void
sheet_finish_table (Sheet     *sheet,
                    lxw_row_t  first_row,
                    lxw_col_t  n_columns)
{
  lxw_row_t last_row = sheet->row > first_row + 1 ? sheet->row - 1 : first_row;

  if (sheet->worksheet == NULL)
    return;

  worksheet_freeze_panes (sheet->worksheet, first_row + 1, 0);
  report_check (sheet->report,
                worksheet_autofilter (sheet->worksheet, first_row, 0, last_row, n_columns - 1));
}

static void
sheet_set_widths (Sheet *sheet)
{
  if (sheet->worksheet == NULL)
    return;

  for (lxw_col_t col = 0; col < MAX_COLUMNS; col++)
    {
      double width;

      if (sheet->widths[col] <= 0)
        continue;

      width = MIN (MAX (sheet->widths[col], MIN_WIDTH), sheet->caps[col]) + WIDTH_PADDING;
      report_check (sheet->report,
                    worksheet_set_column (sheet->worksheet, col, col, width, NULL));
    }
}

/* A label in the first column and its value beside it: the row to write the
 * value on */
static void
sheet_label (Sheet      *sheet,
             const char *label)
{
  sheet_text (sheet, 0, label, sheet->report->label);
}


/* The period, as two rows: a date, or "All records" with no limit */
static void
sheet_period (Sheet     *sheet,
              GDateTime *from,
              GDateTime *to)
{
  sheet_label (sheet, _("Period from"));
  if (from != NULL)
    sheet_date (sheet, 1, from, sheet->report->form_date);
  else
    sheet_text (sheet, 1, _("The first record"), NULL);
  sheet_next_row (sheet);

  sheet_label (sheet, _("Period to"));
  if (to != NULL)
    sheet_date (sheet, 1, to, sheet->report->form_date);
  else
    sheet_text (sheet, 1, _("The last record"), NULL);
  sheet_next_row (sheet);

  sheet_label (sheet, _("Report made on"));
  sheet_date (sheet, 1, sheet->report->today, sheet->report->form_date);
  sheet_next_row (sheet);
}

/* Months as a table below the summary: the first of each month from the
 * first to the last key, with the gaps filled */
static void
month_range (GHashTable *months,
             int        *first,
             int        *last)
{
  GHashTableIter iter;
  gpointer key;

  *first = G_MAXINT;
  *last = G_MININT;

  g_hash_table_iter_init (&iter, months);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int month = GPOINTER_TO_INT (key);

      *first = MIN (*first, month);
      *last = MAX (*last, month);
    }
}

static GDateTime *
month_start (int key)
{
  return confianza_date_new (key / 12, key % 12 + 1, 1);
}

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

static gboolean
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
static ConfianzaStore *
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
static gboolean
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

/* Charts */

static void
chart_series_color (lxw_chart_series *series,
                    lxw_color_t       color,
                    gboolean          line)
{
  if (line)
    {
      lxw_chart_line stroke = { .color = color, .width = 2.25 };
      lxw_chart_fill fill = { .color = color };

      chart_series_set_line (series, &stroke);
      chart_series_set_marker_type (series, LXW_CHART_MARKER_CIRCLE);
      chart_series_set_marker_size (series, 5);
      chart_series_set_marker_fill (series, &fill);
      chart_series_set_marker_line (series, &stroke);
    }
  else
    {
      lxw_chart_fill fill = { .color = color };

      chart_series_set_fill (series, &fill);
    }
}

/* The client report */

typedef struct
{
  ConfianzaStore  *store;
  ConfianzaClient *client;
  GDateTime       *from;
  GDateTime       *to;
  const char      *business_name;
  GPtrArray       *promises;       /* in the period, by due date */
  GPtrArray       *quick_wins;     /* in the period, oldest first */
  GPtrArray       *plans;          /* in the period, oldest first */
  GPtrArray       *incidents;      /* every incident of the client */
  guint            n_promises;     /* everything kept, for "data we keep" */
  guint            n_quick_wins;
  guint            n_conversations;
  guint            n_incidents;
  guint            n_compensations;
} ClientData;

static void
client_data_clear (ClientData *data)
{
  g_clear_object (&data->client);
  g_clear_pointer (&data->promises, g_ptr_array_unref);
  g_clear_pointer (&data->quick_wins, g_ptr_array_unref);
  g_clear_pointer (&data->plans, g_ptr_array_unref);
  g_clear_pointer (&data->incidents, g_ptr_array_unref);
}

static gboolean
client_data_load (ClientData  *data,
                  gint64       client_id,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) promises = NULL;
  g_autoptr(GPtrArray) quick_wins = NULL;
  g_autoptr(GPtrArray) plans = NULL;

  data->client = confianza_store_get_client (data->store, client_id, &local_error);
  if (data->client == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);

      g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_NOT_FOUND,
                   _("There is no client number %s. It may have been deleted."),
                   number);
      return FALSE;
    }

  promises = array_from_model (confianza_store_get_promises (data->store, client_id));
  data->n_promises = promises->len;
  data->promises = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < promises->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (promises, i);

      if (in_period (promise_period_date (promise), data->from, data->to))
        g_ptr_array_add (data->promises, g_object_ref (promise));
    }

  quick_wins = array_from_model (confianza_store_get_quick_wins (data->store, client_id));
  data->n_quick_wins = quick_wins->len;
  data->quick_wins = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < quick_wins->len; i++)
    {
      ConfianzaQuickWin *win = g_ptr_array_index (quick_wins, i);

      if (in_period (confianza_quick_win_get_achieved_on (win), data->from, data->to))
        g_ptr_array_add (data->quick_wins, g_object_ref (win));
    }
  g_ptr_array_sort (data->quick_wins, compare_quick_wins_by_date);

  plans = array_from_model (confianza_store_get_recovery_plans (data->store, client_id));
  data->plans = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < plans->len; i++)
    {
      ConfianzaRecoveryPlan *plan = g_ptr_array_index (plans, i);
      g_autoptr(GListModel) compensations = confianza_store_get_compensations (data->store,
                                                                               confianza_recovery_plan_get_id (plan));

      data->n_compensations += g_list_model_get_n_items (compensations);
      if (plan_in_period (plan, data->from, data->to))
        g_ptr_array_add (data->plans, g_object_ref (plan));
    }
  g_ptr_array_sort (data->plans, compare_plans_by_start);

  data->incidents = array_from_model (confianza_store_get_incidents (data->store, client_id));
  data->n_incidents = data->incidents->len;

  {
    g_autoptr(GListModel) conversations = confianza_store_get_conversations (data->store, client_id);

    data->n_conversations = g_list_model_get_n_items (conversations);
  }

  return TRUE;
}

static void
write_client_summary (Report     *report,
                      ClientData *data,
                      Sheet      *sheet)
{
  static const struct { ConfianzaOutcome outcome; lxw_color_t color; } stack[] = {
    { CONFIANZA_OUTCOME_OVERDELIVERED, RGB_OVERDELIVERED },
    { CONFIANZA_OUTCOME_KEPT, RGB_KEPT },
    { CONFIANZA_OUTCOME_LATE, RGB_LATE },
    { CONFIANZA_OUTCOME_BROKEN, RGB_BROKEN },
    { CONFIANZA_OUTCOME_OVERDUE, RGB_OVERDUE },
    { CONFIANZA_OUTCOME_OPEN, RGB_OPEN },
  };
  g_autoptr(GHashTable) months = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  const char *company = confianza_client_get_company (data->client);
  ConfianzaOutcomeCounts counts = { { 0 } };
  guint shared = 0;
  lxw_row_t table_row;
  int first, last;

  for (guint i = 0; i < data->promises->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (data->promises, i);
      ConfianzaOutcome outcome = confianza_promise_get_outcome (promise, report->today);
      GDateTime *date = promise_period_date (promise);
      ConfianzaOutcomeCounts *month;

      confianza_outcome_counts_add (&counts, outcome);
      if (date == NULL)
        continue;

      month = g_hash_table_lookup (months, GINT_TO_POINTER (month_key (date)));
      if (month == NULL)
        {
          month = g_new0 (ConfianzaOutcomeCounts, 1);
          g_hash_table_insert (months, GINT_TO_POINTER (month_key (date)), month);
        }
      confianza_outcome_counts_add (month, outcome);
    }

  for (guint i = 0; i < data->quick_wins->len; i++)
    {
      if (confianza_quick_win_get_shared_on (g_ptr_array_index (data->quick_wins, i)) != NULL)
        shared++;
    }

  sheet->caps[1] = 40;

  sheet_text (sheet, 0, _("Report for the client"), report->title);
  sheet->row += 2;

  if (data->business_name != NULL)
    {
      sheet_label (sheet, _("From"));
      sheet_text (sheet, 1, data->business_name, NULL);
      sheet_next_row (sheet);
    }

  sheet_label (sheet, _("Client"));
  sheet_text (sheet, 1, confianza_client_get_name (data->client), NULL);
  sheet_next_row (sheet);
  if (!text_is_blank (company))
    {
      sheet_label (sheet, _("Company"));
      sheet_text (sheet, 1, company, NULL);
      sheet_next_row (sheet);
    }

  sheet_period (sheet, data->from, data->to);
  sheet_next_row (sheet);

  sheet_text (sheet, 0, _("Promises"), report->heading);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Promises made"));
  sheet_number (sheet, 1, confianza_outcome_counts_total (&counts), report->form_integer);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Overdelivered"));
  sheet_number (sheet, 1, counts.n[CONFIANZA_OUTCOME_OVERDELIVERED], report->form_integer);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Kept"));
  sheet_number (sheet, 1, counts.n[CONFIANZA_OUTCOME_KEPT], report->form_integer);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Late"));
  sheet_number (sheet, 1, counts.n[CONFIANZA_OUTCOME_LATE], report->form_integer);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Broken"));
  sheet_number (sheet, 1, counts.n[CONFIANZA_OUTCOME_BROKEN], report->form_integer);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Overdue, not delivered yet"));
  sheet_number (sheet, 1, counts.n[CONFIANZA_OUTCOME_OVERDUE], report->form_integer);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Still in progress"));
  sheet_number (sheet, 1, counts.n[CONFIANZA_OUTCOME_OPEN], report->form_integer);
  sheet_next_row (sheet);
  sheet_label (sheet, _("On-time rate"));
  sheet_number (sheet, 1, confianza_outcome_counts_on_time_rate (&counts), report->form_percent);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Quick wins shared with you"));
  sheet_number (sheet, 1, shared, report->form_integer);
  sheet_next_row (sheet);
  sheet_next_row (sheet);

  /* Promises by outcome per month, for the chart */
  month_range (months, &first, &last);
  sheet_text (sheet, 0, _("Promises by month"), report->heading);
  sheet_next_row (sheet);
  table_row = sheet->row;
  {
    const char *titles[1 + G_N_ELEMENTS (stack)];

    titles[0] = _("Month due");
    for (guint i = 0; i < G_N_ELEMENTS (stack); i++)
      titles[i + 1] = confianza_outcome_to_label (stack[i].outcome);
    sheet_header (sheet, titles, G_N_ELEMENTS (titles), ~1u);
  }

  for (int key = first; key <= last; key++)
    {
      g_autoptr(GDateTime) start = month_start (key);
      ConfianzaOutcomeCounts *month = g_hash_table_lookup (months, GINT_TO_POINTER (key));

      sheet_date (sheet, 0, start, report->month);
      for (guint i = 0; i < G_N_ELEMENTS (stack); i++)
        sheet_number (sheet, i + 1, month != NULL ? month->n[stack[i].outcome] : 0, report->integer);
      sheet_next_row (sheet);
    }

  if (first <= last)
    {
      lxw_chart *chart = workbook_add_chart (report->workbook, LXW_CHART_COLUMN_STACKED);
      lxw_chart_options options = { .x_offset = 10, .y_offset = 4, .x_scale = 1.25, .y_scale = 1.15 };
      lxw_chart_font title_font = { .size = 12, .bold = LXW_TRUE };

      for (guint i = 0; i < G_N_ELEMENTS (stack); i++)
        {
          lxw_chart_series *series;

          /* An outcome that never happened would only clutter the legend */
          if (counts.n[stack[i].outcome] == 0)
            continue;

          series = chart_add_series (chart, NULL, NULL);
          chart_series_set_categories (series, sheet->name, table_row + 1, 0,
                                       sheet->row - 1, 0);
          chart_series_set_values (series, sheet->name, table_row + 1, i + 1,
                                   sheet->row - 1, i + 1);
          chart_series_set_name_range (series, sheet->name, table_row, i + 1);
          chart_series_color (series, stack[i].color, FALSE);
        }

      chart_title_set_name (chart, _("Promises by outcome per month"));
      chart_title_set_name_font (chart, &title_font);
      chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
      chart_axis_set_num_format (chart->x_axis, MONTH_FORMAT);
      chart_axis_set_num_format (chart->y_axis, "0");
      chart_axis_set_min (chart->y_axis, 0);
      chart_set_series_gap (chart, 60);
      report_check (report, worksheet_insert_chart_opt (sheet->worksheet, 2, 3, chart, &options));
    }

  sheet_set_widths (sheet);
}

static void
write_client_promises (Report     *report,
                       ClientData *data,
                       Sheet      *sheet)
{
  const char *titles[] = {
    _("What was promised"),
    _("Promised on"),
    _("Due"),
    _("Promised quantity"),
    _("Unit"),
    _("Delivered on"),
    _("Delivered quantity"),
    _("Extras"),
    _("Outcome"),
    _("Days early (+) or late (−)"),
  };

  sheet->caps[0] = 45;
  sheet->caps[7] = 40;
  sheet_header (sheet, titles, G_N_ELEMENTS (titles),
                1u << 1 | 1u << 2 | 1u << 3 | 1u << 5 | 1u << 6 | 1u << 9);

  for (guint i = 0; i < data->promises->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (data->promises, i);
      ConfianzaPromiseResult result = confianza_promise_get_result (promise, report->today);
      gboolean has_quantity = confianza_promise_get_has_quantity (promise);
      gboolean delivered = confianza_promise_get_delivered_on (promise) != NULL;

      sheet_text (sheet, 0, confianza_promise_get_title (promise), NULL);
      sheet_date (sheet, 1, confianza_promise_get_promised_on (promise), NULL);
      sheet_date (sheet, 2, confianza_promise_get_due_on (promise), NULL);
      if (has_quantity)
        {
          sheet_number (sheet, 3, confianza_promise_get_promised_quantity (promise), report->quantity);
          sheet_text (sheet, 4, confianza_promise_get_unit (promise), NULL);
        }
      sheet_date (sheet, 5, confianza_promise_get_delivered_on (promise), NULL);
      if (has_quantity && delivered)
        sheet_number (sheet, 6, confianza_promise_get_delivered_quantity (promise), report->quantity);
      sheet_text (sheet, 7, confianza_promise_get_extras (promise), NULL);
      sheet_text (sheet, 8, confianza_outcome_to_label (result.outcome), NULL);
      /* Days left on a promise in progress are not early or late */
      if (delivered || result.outcome == CONFIANZA_OUTCOME_OVERDUE)
        sheet_number (sheet, 9, result.days_early, report->days);
      sheet_next_row (sheet);
    }

  if (data->promises->len == 0)
    {
      sheet_text (sheet, 0, _("There are no promises in this period."), NULL);
      sheet_next_row (sheet);
    }

  sheet_finish_table (sheet, 0, G_N_ELEMENTS (titles));
  sheet_set_widths (sheet);
}

static void
write_client_quick_wins (Report     *report,
                         ClientData *data,
                         Sheet      *sheet)
{
  const char *titles[] = {
    _("Achieved on"),
    _("What was achieved"),
    _("Shared with you on"),
  };

  sheet->caps[1] = 60;
  sheet_header (sheet, titles, G_N_ELEMENTS (titles), 1u << 0 | 1u << 2);

  for (guint i = 0; i < data->quick_wins->len; i++)
    {
      ConfianzaQuickWin *win = g_ptr_array_index (data->quick_wins, i);

      sheet_date (sheet, 0, confianza_quick_win_get_achieved_on (win), NULL);
      sheet_text (sheet, 1, confianza_quick_win_get_title (win), NULL);
      sheet_date (sheet, 2, confianza_quick_win_get_shared_on (win), NULL);
      sheet_next_row (sheet);
    }

  if (data->quick_wins->len == 0)
    {
      sheet_text (sheet, 1, _("There are no quick wins in this period."), NULL);
      sheet_next_row (sheet);
    }

  sheet_finish_table (sheet, 0, G_N_ELEMENTS (titles));
  sheet_set_widths (sheet);
}

static ConfianzaIncident *
find_incident (GPtrArray *incidents,
               gint64     id)
{
  for (guint i = 0; i < incidents->len; i++)
    {
      ConfianzaIncident *incident = g_ptr_array_index (incidents, i);

      if (confianza_incident_get_id (incident) == id)
        return incident;
    }

  return NULL;
}

/* What the client sees of a plan: what was done for them. Never the
 * internal analysis (root cause, corrective measure), the reason for an
 * outcome, notes, or the trust index. */
static void
write_client_plan (Report                *report,
                   ClientData            *data,
                   Sheet                 *sheet,
                   ConfianzaRecoveryPlan *plan)
{
  gint64 plan_id = confianza_recovery_plan_get_id (plan);
  g_autoptr(GPtrArray) follow_ups = array_from_model (confianza_store_get_follow_ups (data->store, plan_id));
  g_autoptr(GPtrArray) compensations = array_from_model (confianza_store_get_compensations (data->store, plan_id));
  ConfianzaIncident *incident = find_incident (data->incidents,
                                               confianza_recovery_plan_get_incident_id (plan));
  GDateTime *listened = confianza_recovery_plan_get_acknowledged_on (plan);
  GDateTime *apologised = confianza_recovery_plan_get_apologised_on (plan);
  GDateTime *until = confianza_recovery_plan_get_guarantee_until (plan);
  const char *terms = confianza_recovery_plan_get_guarantee_terms (plan);
  gint64 guarantee_id = confianza_recovery_plan_get_guarantee_promise_id (plan);
  ConfianzaFollowUp *next = NULL;

  if (listened == NULL)
    listened = confianza_recovery_plan_get_invited_to_speak_on (plan);

  if (incident != NULL)
    {
      sheet_label (sheet, _("What went wrong"));
      sheet_text (sheet, 1, confianza_incident_get_description (incident), NULL);
      sheet_next_row (sheet);
      sheet_label (sheet, _("When it happened"));
      sheet_date (sheet, 1, confianza_incident_get_happened_on (incident), report->form_date);
      sheet_next_row (sheet);
    }

  sheet_label (sheet, _("Plan started on"));
  sheet_date (sheet, 1, confianza_recovery_plan_get_started_on (plan), report->form_date);
  sheet_next_row (sheet);
  sheet_label (sheet, _("State of the plan"));
  sheet_text (sheet, 1, confianza_plan_outcome_to_label (confianza_recovery_plan_get_outcome (plan)), NULL);
  sheet_next_row (sheet);

  sheet_label (sheet, _("1. We listened to you"));
  if (listened != NULL)
    sheet_date (sheet, 1, listened, report->form_date);
  else
    sheet_text (sheet, 1, _("Not yet"), NULL);
  sheet_next_row (sheet);

  sheet_label (sheet, _("2. We apologised"));
  if (apologised != NULL)
    {
      sheet_date (sheet, 1, apologised, report->form_date);
      sheet_text (sheet, 2, confianza_channel_to_label (confianza_recovery_plan_get_apology_channel (plan)), NULL);
    }
  else
    {
      sheet_text (sheet, 1, _("Not yet"), NULL);
    }
  sheet_next_row (sheet);

  sheet_label (sheet, _("3. Compensation"));
  if (compensations->len == 0)
    {
      if (confianza_recovery_plan_get_compensation_declined (plan))
        sheet_text (sheet, 1, _("None"), NULL);
      else
        sheet_text (sheet, 1, _("Not decided yet"), NULL);
      sheet_next_row (sheet);
    }
  for (guint i = 0; i < compensations->len; i++)
    {
      ConfianzaCompensation *compensation = g_ptr_array_index (compensations, i);
      const char *description = confianza_compensation_get_description (compensation);
      const char *kind = confianza_compensation_kind_to_label (confianza_compensation_get_kind (compensation));
      gint64 cents = confianza_compensation_get_amount_cents (compensation);
      GDateTime *given_on = confianza_compensation_get_given_on (compensation);

      if (!text_is_blank (description))
        {
          g_autofree char *text = g_strdup_printf (_("%s: %s"), kind, description);

          sheet_text (sheet, 1, text, NULL);
        }
      else
        {
          sheet_text (sheet, 1, kind, NULL);
        }
      if (cents != 0)
        sheet_number (sheet, 2, cents / 100.0,
                      report_currency_format (report, confianza_compensation_get_currency (compensation)));
      if (given_on != NULL)
        sheet_date (sheet, 3, given_on, NULL);
      else
        sheet_text (sheet, 3, _("Not given yet"), NULL);
      sheet_next_row (sheet);
    }

  sheet_label (sheet, _("4. Special guarantee"));
  if (!text_is_blank (terms))
    {
      const char *state;

      sheet_text (sheet, 1, terms, NULL);
      sheet_next_row (sheet);

      if (until != NULL)
        {
          sheet_label (sheet, _("Guaranteed until"));
          sheet_date (sheet, 1, until, report->form_date);
          sheet_next_row (sheet);
        }

      /* The promise that tracks the guarantee says best how it went */
      state = until == NULL || confianza_date_compare (report->today, until) <= 0
                ? _("In force") : _("Completed");
      if (guarantee_id != 0)
        {
          g_autoptr(ConfianzaPromise) promise = confianza_store_get_promise (data->store, guarantee_id, NULL);

          if (promise != NULL)
            {
              ConfianzaOutcome outcome = confianza_promise_get_outcome (promise, report->today);

              /* Giving more than the guarantee promised is still keeping it */
              if (outcome == CONFIANZA_OUTCOME_OVERDELIVERED)
                outcome = CONFIANZA_OUTCOME_KEPT;
              state = outcome == CONFIANZA_OUTCOME_OPEN ? _("In force")
                                                        : confianza_outcome_to_label (outcome);
            }
        }
      sheet_label (sheet, _("State of the guarantee"));
      sheet_text (sheet, 1, state, NULL);
    }
  else
    {
      sheet_text (sheet, 1, _("None"), NULL);
    }
  sheet_next_row (sheet);

  sheet_label (sheet, _("5. Special follow-up"));
  if (follow_ups->len == 0)
    {
      sheet_text (sheet, 1, _("None planned"), NULL);
      sheet_next_row (sheet);
    }
  else
    {
      const char *titles[] = { _("Follow-up due"), _("Done on"), _("State") };

      for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
        sheet_text (sheet, i + 1, titles[i], i == 1 ? report->header_right : report->header);
      sheet_next_row (sheet);

      for (guint i = 0; i < follow_ups->len; i++)
        {
          ConfianzaFollowUp *follow_up = g_ptr_array_index (follow_ups, i);
          GDateTime *done_on = confianza_follow_up_get_done_on (follow_up);
          const char *state;

          if (done_on != NULL)
            state = confianza_follow_up_is_on_time (follow_up) ? _("Done on time") : _("Done late");
          else if (confianza_date_compare (confianza_follow_up_get_due_on (follow_up), report->today) < 0)
            state = _("Overdue");
          else
            state = _("Planned");

          if (done_on == NULL && next == NULL)
            next = follow_up;

          sheet_date (sheet, 1, confianza_follow_up_get_due_on (follow_up), report->form_date);
          sheet_date (sheet, 2, done_on, NULL);
          sheet_text (sheet, 3, state, NULL);
          sheet_next_row (sheet);
        }

      sheet_label (sheet, _("Next follow-up"));
      if (next != NULL)
        sheet_date (sheet, 1, confianza_follow_up_get_due_on (next), report->form_date);
      else
        sheet_text (sheet, 1, _("All done"), NULL);
      sheet_next_row (sheet);
    }
}

static void
write_client_recovery (Report     *report,
                       ClientData *data,
                       Sheet      *sheet)
{
  sheet->caps[1] = 50;
  sheet->caps[2] = 20;
  sheet->caps[3] = 20;

  sheet_text (sheet, 0, _("How we are putting things right"), report->title);
  sheet->row += 2;

  for (guint i = 0; i < data->plans->len; i++)
    {
      write_client_plan (report, data, sheet, g_ptr_array_index (data->plans, i));
      sheet_next_row (sheet);
    }

  sheet_set_widths (sheet);
}

/* Source 002: commit to privacy, telling what is kept and where */
static void
write_client_privacy (Report     *report,
                      ClientData *data,
                      Sheet      *sheet)
{
  ConfianzaClient *client = data->client;
  const char *who = data->business_name != NULL ? data->business_name : _("us");
  const char *titles[] = { _("What we keep"), _("About you") };
  g_autofree char *promises = NULL;
  g_autofree char *quick_wins = NULL;
  g_autofree char *conversations = NULL;
  g_autofree char *incidents = NULL;
  g_autofree char *compensations = NULL;
  g_autofree char *erase = NULL;

  promises = g_strdup_printf (ngettext ("%u promise: what was promised, when, by when, "
                                        "and what was delivered",
                                        "%u promises: what was promised, when, by when, "
                                        "and what was delivered",
                                        data->n_promises),
                              data->n_promises);
  quick_wins = g_strdup_printf (ngettext ("%u quick win, and when we shared it with you",
                                          "%u quick wins, and when we shared them with you",
                                          data->n_quick_wins),
                                data->n_quick_wins);
  conversations = g_strdup_printf (ngettext ("%u conversation: the date, how we talked, "
                                             "what you told us and what we agreed",
                                             "%u conversations: the date, how we talked, "
                                             "what you told us and what we agreed",
                                             data->n_conversations),
                                   data->n_conversations);
  incidents = g_strdup_printf (ngettext ("%u incident, and what we did to put it right",
                                         "%u incidents, and what we did to put them right",
                                         data->n_incidents),
                               data->n_incidents);
  compensations = g_strdup_printf (ngettext ("%u compensation given to you",
                                             "%u compensations given to you",
                                             data->n_compensations),
                                   data->n_compensations);
  erase = g_strdup_printf (_("Ask %s, and every record about you will be erased from "
                             "the application, completely. You can also ask to see "
                             "or correct it."),
                           who);

  sheet->caps[0] = 30;
  sheet->caps[1] = 70;

  sheet_text (sheet, 0, _("Data we keep about you"), report->title);
  sheet->row += 2;

  sheet_header (sheet, titles, G_N_ELEMENTS (titles), 0);
  sheet_label (sheet, _("Name"));
  sheet_text (sheet, 1, confianza_client_get_name (client), NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Company"));
  sheet_text (sheet, 1, confianza_client_get_company (client), NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Email"));
  sheet_text (sheet, 1, confianza_client_get_email (client), NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Phone"));
  sheet_text (sheet, 1, confianza_client_get_phone (client), NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Working together since"));
  sheet_date (sheet, 1, confianza_client_get_since (client), report->form_date);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Last contact"));
  sheet_date (sheet, 1, confianza_client_get_last_contact (client), report->form_date);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Promises"));
  sheet_text (sheet, 1, promises, NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Quick wins"));
  sheet_text (sheet, 1, quick_wins, NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Conversations"));
  sheet_text (sheet, 1, conversations, NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Incidents"));
  sheet_text (sheet, 1, incidents, NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Compensations"));
  sheet_text (sheet, 1, compensations, NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Our working notes"));
  sheet_text (sheet, 1, _("Notes for our own work: how we organise it and what we "
                          "must improve"), NULL);
  sheet_next_row (sheet);
  sheet_next_row (sheet);

  sheet_label (sheet, _("Where it is kept"));
  sheet_text (sheet, 1, _("Only on our computer, in the Confianza application; "
                          "nothing is sent to any online service."), NULL);
  sheet_next_row (sheet);
  sheet_label (sheet, _("To erase it"));
  sheet_text (sheet, 1, erase, NULL);
  sheet_next_row (sheet);

  sheet_set_widths (sheet);
}

static gboolean
build_client_report (Report    *report,
                     gpointer   user_data,
                     GError   **error)
{
  ClientData *data = user_data;
  Sheet summary, promises, quick_wins, recovery, privacy;

  /* Sheet names are translated; report_sheet_name () keeps them legal */
  sheet_init (&summary, report, _("Summary"));
  sheet_init (&promises, report, _("Promises"));
  sheet_init (&quick_wins, report, _("Quick wins"));
  if (data->plans->len > 0)
    sheet_init (&recovery, report, _("Recovery plan"));
  sheet_init (&privacy, report, _("Data we keep"));

  write_client_summary (report, data, &summary);
  write_client_promises (report, data, &promises);
  write_client_quick_wins (report, data, &quick_wins);
  if (data->plans->len > 0)
    {
      write_client_recovery (report, data, &recovery);
      sheet_clear (&recovery);
    }
  write_client_privacy (report, data, &privacy);

  sheet_clear (&summary);
  sheet_clear (&promises);
  sheet_clear (&quick_wins);
  sheet_clear (&privacy);

  return TRUE;
}

/* The portfolio report */

typedef struct
{
  guint  count;
  gint64 cents;
} CurrencyTotal;

/* What the sheets show of one client, collected in one pass over every
 * history (in id order) and written afterwards in the order of names */
typedef struct
{
  ConfianzaIncident *incident;
  gboolean           systemic;
  const char        *plan_state;      /* a translated label */
} IncidentRow;

typedef struct
{
  ConfianzaRecoveryPlan *plan;
  GDateTime             *incident_on;   /* nullable */
  guint                  steps;
  guint                  on_time;
  guint                  done;
  guint                  planned;
} PlanRow;

typedef struct
{
  ConfianzaClient *client;
  int              trust;
  ConfianzaOutcomeCounts counts;
  ConfianzaBuffer  buffer;
  guint            n_incidents;
  GArray          *incidents;       /* IncidentRow, or NULL */
  GArray          *plans;           /* PlanRow, or NULL */
} ClientRow;

typedef struct
{
  ConfianzaStore *store;
  GDateTime      *from;
  GDateTime      *to;
  const char     *business_name;
  GDateTime      *today;

  GArray         *rows;                     /* ClientRow */
  /* Scratch arrays, emptied for every client */
  GPtrArray      *period_promises;
  GPtrArray      *incidents;
  GPtrArray      *plans;
  GPtrArray      *plan_follow_ups;
  GPtrArray      *plan_compensations;

  /* Totals for the summary */
  guint           n_clients;
  ConfianzaOutcomeCounts counts;
  guint           n_incidents;
  guint           n_systemic;
  guint           n_plans_in_progress;
  /* Each client's latest would-recommend answer, and the NPS over them */
  GPtrArray      *answers;                  /* ConfianzaRecommendation */
  GHashTable     *answer_of_client;         /* client id → answer in @answers */
  ConfianzaNps    nps;
  GHashTable     *months;                   /* month key → ConfianzaOutcomeCounts of the settled */
  GHashTable     *currencies;               /* code → CurrencyTotal */
} PortfolioData;

static void
incident_row_clear (gpointer data)
{
  IncidentRow *row = data;

  g_clear_object (&row->incident);
}

static void
plan_row_clear (gpointer data)
{
  PlanRow *row = data;

  g_clear_object (&row->plan);
  g_clear_pointer (&row->incident_on, g_date_time_unref);
}

static void
client_row_clear (gpointer data)
{
  ClientRow *row = data;

  g_clear_object (&row->client);
  g_clear_pointer (&row->incidents, g_array_unref);
  g_clear_pointer (&row->plans, g_array_unref);
}

static void
portfolio_data_clear (PortfolioData *data)
{
  g_clear_pointer (&data->rows, g_array_unref);
  g_clear_pointer (&data->period_promises, g_ptr_array_unref);
  g_clear_pointer (&data->incidents, g_ptr_array_unref);
  g_clear_pointer (&data->plans, g_ptr_array_unref);
  g_clear_pointer (&data->plan_follow_ups, g_ptr_array_unref);
  g_clear_pointer (&data->plan_compensations, g_ptr_array_unref);
  g_clear_pointer (&data->answer_of_client, g_hash_table_unref);
  g_clear_pointer (&data->answers, g_ptr_array_unref);
  g_clear_pointer (&data->months, g_hash_table_unref);
  g_clear_pointer (&data->currencies, g_hash_table_unref);
}

/* The follow-ups or compensations of the plan @plan_id among the client's */
static void
select_of_plan (GPtrArray *all,
                gint64     plan_id,
                gint64   (*get_plan_id) (gpointer record),
                GPtrArray *selected)
{
  g_ptr_array_set_size (selected, 0);
  for (guint i = 0; all != NULL && i < all->len; i++)
    if (get_plan_id (g_ptr_array_index (all, i)) == plan_id)
      g_ptr_array_add (selected, g_ptr_array_index (all, i));
}

static gint64
follow_up_plan_id (gpointer record)
{
  return confianza_follow_up_get_plan_id (record);
}

static gint64
compensation_plan_id (gpointer record)
{
  return confianza_compensation_get_plan_id (record);
}

static void
collect_promises (PortfolioData             *data,
                  const ConfianzaTrustInput *input,
                  ClientRow                 *row)
{
  g_ptr_array_set_size (data->period_promises, 0);

  for (guint i = 0; i < input->promises->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (input->promises, i);
      GDateTime *date = promise_period_date (promise);
      ConfianzaOutcome outcome;

      if (!in_period (date, data->from, data->to))
        continue;

      g_ptr_array_add (data->period_promises, promise);
      outcome = confianza_promise_get_outcome (promise, data->today);
      confianza_outcome_counts_add (&row->counts, outcome);
      confianza_outcome_counts_add (&data->counts, outcome);

      if (confianza_outcome_is_closed (outcome) && date != NULL)
        {
          gpointer key = GINT_TO_POINTER (month_key (date));
          ConfianzaOutcomeCounts *month = g_hash_table_lookup (data->months, key);

          if (month == NULL)
            {
              month = g_new0 (ConfianzaOutcomeCounts, 1);
              g_hash_table_insert (data->months, key, month);
            }
          confianza_outcome_counts_add (month, outcome);
        }
    }

  row->buffer = confianza_buffer_compute (data->period_promises);
}

/* Incidents, oldest first, with the systemic flag over all of them */
static void
collect_incidents (PortfolioData             *data,
                   const ConfianzaTrustInput *input,
                   ClientRow                 *row)
{
  g_ptr_array_set_size (data->incidents, 0);
  g_ptr_array_extend (data->incidents, input->incidents, NULL, NULL);
  g_ptr_array_sort (data->incidents, compare_incidents_by_date);

  for (guint i = 0; i < data->incidents->len; i++)
    {
      ConfianzaIncident *incident = g_ptr_array_index (data->incidents, i);
      gint64 incident_id = confianza_incident_get_id (incident);
      IncidentRow line = { 0 };

      if (!in_period (confianza_incident_get_happened_on (incident), data->from, data->to))
        continue;

      line.incident = g_object_ref (incident);
      line.systemic = confianza_recovery_is_systemic (incident, data->incidents, FALSE);
      line.plan_state = _("None");
      row->n_incidents++;
      data->n_incidents++;
      if (line.systemic)
        data->n_systemic++;

      for (guint j = 0; j < data->plans->len; j++)
        {
          ConfianzaRecoveryPlan *plan = g_ptr_array_index (data->plans, j);

          if (confianza_recovery_plan_get_incident_id (plan) == incident_id)
            line.plan_state = confianza_plan_outcome_to_label (confianza_recovery_plan_get_outcome (plan));
        }

      if (row->incidents == NULL)
        {
          row->incidents = g_array_new (FALSE, FALSE, sizeof (IncidentRow));
          g_array_set_clear_func (row->incidents, incident_row_clear);
        }
      g_array_append_val (row->incidents, line);
    }
}

/* Recovery plans under way in the period, and the money they paid */
static void
collect_plans (PortfolioData             *data,
               const ConfianzaTrustInput *input,
               ClientRow                 *row)
{
  for (guint i = 0; i < data->plans->len; i++)
    {
      ConfianzaRecoveryPlan *plan = g_ptr_array_index (data->plans, i);
      gint64 plan_id = confianza_recovery_plan_get_id (plan);
      ConfianzaIncident *incident = find_incident (input->incidents, confianza_recovery_plan_get_incident_id (plan));
      ConfianzaRecoveryProgress progress;
      PlanRow line = { 0 };

      select_of_plan (input->follow_ups, plan_id, follow_up_plan_id, data->plan_follow_ups);
      select_of_plan (input->compensations, plan_id, compensation_plan_id, data->plan_compensations);

      for (guint j = 0; j < data->plan_compensations->len; j++)
        {
          ConfianzaCompensation *compensation = g_ptr_array_index (data->plan_compensations, j);
          const char *currency = confianza_compensation_get_currency (compensation);
          gint64 cents = confianza_compensation_get_amount_cents (compensation);
          CurrencyTotal *total;

          if (cents == 0 ||
              confianza_compensation_get_given_on (compensation) == NULL ||
              !in_period (confianza_compensation_get_given_on (compensation), data->from, data->to))
            continue;

          total = g_hash_table_lookup (data->currencies, currency != NULL ? currency : "");
          if (total == NULL)
            {
              total = g_new0 (CurrencyTotal, 1);
              g_hash_table_insert (data->currencies, g_strdup (currency != NULL ? currency : ""), total);
            }
          total->count++;
          total->cents += cents;
        }

      if (!plan_in_period (plan, data->from, data->to))
        continue;

      if (confianza_recovery_plan_get_outcome (plan) == CONFIANZA_PLAN_IN_PROGRESS)
        data->n_plans_in_progress++;

      line.plan = g_object_ref (plan);
      if (incident != NULL && confianza_incident_get_happened_on (incident) != NULL)
        line.incident_on = g_date_time_ref (confianza_incident_get_happened_on (incident));
      progress = confianza_recovery_get_progress (plan, data->plan_follow_ups,
                                                  data->plan_compensations, NULL);
      line.on_time = progress.follow_ups_on_time;
      line.done = progress.follow_ups_on_time + progress.follow_ups_late;
      line.steps = progress.n_done;
      line.planned = data->plan_follow_ups->len;

      if (row->plans == NULL)
        {
          row->plans = g_array_new (FALSE, FALSE, sizeof (PlanRow));
          g_array_set_clear_func (row->plans, plan_row_clear);
        }
      g_array_append_val (row->plans, line);
    }
}

static gboolean
collect_client (const ConfianzaTrustInput *input,
                gpointer                   user_data)
{
  PortfolioData *data = user_data;
  ConfianzaTrustInput dated = *input;
  ClientRow row = { 0 };

  row.client = g_object_ref (input->client);

  /* The index says where the relationship stands now: the whole history */
  dated.today = data->today;
  row.trust = (int) round (confianza_trust_score (&dated));

  g_ptr_array_set_size (data->plans, 0);
  g_ptr_array_extend (data->plans, input->plans, NULL, NULL);
  g_ptr_array_sort (data->plans, compare_plans_by_start);

  collect_promises (data, input, &row);
  collect_incidents (data, input, &row);
  collect_plans (data, input, &row);

  g_array_append_val (data->rows, row);

  return TRUE;
}

/* The order of the client list: by name, without case */
static int
compare_client_rows (gconstpointer a,
                     gconstpointer b)
{
  return confianza_client_compare_by_name (((const ClientRow *) a)->client,
                                           ((const ClientRow *) b)->client);
}

/* Sheets of the portfolio, written from the collected rows */
typedef struct
{
  Sheet summary;
  Sheet clients;
  Sheet incidents;
  Sheet plans;
} PortfolioSheets;

static void
write_portfolio_client (Report          *report,
                        PortfolioData   *data,
                        PortfolioSheets *sheets,
                        const ClientRow *row)
{
  ConfianzaClient *client = row->client;
  ConfianzaRecommendation *answer = g_hash_table_lookup (data->answer_of_client,
                                                         GSIZE_TO_POINTER ((gsize) confianza_client_get_id (client)));
  const char *name = confianza_client_get_name (client);
  Sheet *sheet;

  sheet = &sheets->incidents;
  for (guint i = 0; row->incidents != NULL && i < row->incidents->len; i++)
    {
      const IncidentRow *line = &g_array_index (row->incidents, IncidentRow, i);
      ConfianzaIncident *incident = line->incident;

      sheet_text (sheet, 0, name, NULL);
      sheet_date (sheet, 1, confianza_incident_get_happened_on (incident), NULL);
      sheet_text (sheet, 2, confianza_incident_get_description (incident), NULL);
      sheet_text (sheet, 3, confianza_severity_to_label (confianza_incident_get_severity (incident)), NULL);
      sheet_text (sheet, 4, confianza_responsibility_to_label (confianza_incident_get_responsibility (incident)), NULL);
      sheet_text (sheet, 5, confianza_incident_get_cause (incident), NULL);
      sheet_text (sheet, 6, line->systemic ? _("Systemic problem") : _("Isolated error"), NULL);
      sheet_text (sheet, 7, line->plan_state, NULL);
      sheet_next_row (sheet);
    }

  sheet = &sheets->plans;
  for (guint i = 0; row->plans != NULL && i < row->plans->len; i++)
    {
      const PlanRow *line = &g_array_index (row->plans, PlanRow, i);

      sheet_text (sheet, 0, name, NULL);
      sheet_date (sheet, 1, line->incident_on, NULL);
      sheet_date (sheet, 2, confianza_recovery_plan_get_started_on (line->plan), NULL);
      sheet_number (sheet, 3, line->steps, report->integer);
      sheet_number (sheet, 4, line->on_time, report->integer);
      sheet_number (sheet, 5, line->done, report->integer);
      sheet_number (sheet, 6, line->planned, report->integer);
      sheet_text (sheet, 7, confianza_plan_outcome_to_label (confianza_recovery_plan_get_outcome (line->plan)), NULL);
      sheet_date (sheet, 8, confianza_recovery_plan_get_closed_on (line->plan), NULL);
      sheet_next_row (sheet);
    }

  sheet = &sheets->clients;
  sheet_text (sheet, 0, name, NULL);
  sheet_text (sheet, 1, confianza_client_get_company (client), NULL);
  sheet_text (sheet, 2, confianza_client_status_to_label (confianza_client_get_status (client)), NULL);
  sheet_number (sheet, 3, row->trust, report->integer);
  sheet_number (sheet, 4, confianza_outcome_counts_on_time_rate (&row->counts), report->percent);
  if (row->buffer.n_delivered > 0)
    sheet_number (sheet, 5, row->buffer.mean_days_early, report->decimal);
  sheet_number (sheet, 6, confianza_outcome_counts_total (&row->counts), report->integer);
  sheet_number (sheet, 7, row->counts.n[CONFIANZA_OUTCOME_OVERDUE], report->integer);
  sheet_number (sheet, 8, row->n_incidents, report->integer);
  sheet_date (sheet, 9, confianza_client_get_last_contact (client), NULL);
  if (answer != NULL)
    {
      int score = confianza_recommendation_get_score (answer);

      sheet_number (sheet, 10, score, report->integer);
      sheet_text (sheet, 11, confianza_recommender_to_label (confianza_recommender_for_score (score)), NULL);
      sheet_date (sheet, 12, confianza_recommendation_get_answered_on (answer), NULL);
    }
  sheet_next_row (sheet);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Written last (its rows in order, as constant memory needs), shown first */
static void
write_portfolio_summary (Report        *report,
                         PortfolioData *data,
                         Sheet         *sheet)
{
  g_autofree const char **codes = NULL;
  guint n_codes = 0;
  lxw_row_t table_row;
  int first, last;

  sheet->caps[0] = 36;
  sheet->caps[1] = 40;

  sheet_text (sheet, 0, _("Portfolio report"), report->title);
  sheet->row += 2;

  if (data->business_name != NULL)
    {
      sheet_label (sheet, _("Business"));
      sheet_text (sheet, 1, data->business_name, NULL);
      sheet_next_row (sheet);
    }
  sheet_period (sheet, data->from, data->to);
  sheet_next_row (sheet);

  sheet_label (sheet, _("Clients"));
  sheet_number (sheet, 1, data->n_clients, report->form_integer);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Promises due in the period"));
  sheet_number (sheet, 1, confianza_outcome_counts_total (&data->counts), report->form_integer);
  sheet_next_row (sheet);
  sheet_label (sheet, _("On-time rate"));
  sheet_number (sheet, 1, confianza_outcome_counts_on_time_rate (&data->counts), report->form_percent);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Overdue promises"));
  sheet_number (sheet, 1, data->counts.n[CONFIANZA_OUTCOME_OVERDUE], report->form_integer);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Incidents"));
  sheet_number (sheet, 1, data->n_incidents, report->form_integer);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Incidents with a systemic cause"));
  sheet_number (sheet, 1, data->n_systemic, report->form_integer);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Recovery plans in progress"));
  sheet_number (sheet, 1, data->n_plans_in_progress, report->form_integer);
  sheet_next_row (sheet);
  sheet_label (sheet, _("Clients who said whether they would recommend you"));
  sheet_number (sheet, 1, data->nps.n_answers, report->form_integer);
  sheet_next_row (sheet);
  /* Only with enough answers: a percentage of a handful says little */
  if (data->nps.has_score)
    {
      sheet_label (sheet, _("Net Promoter Score (−100 to 100)"));
      sheet_number (sheet, 1, data->nps.score, report->form_integer);
      sheet_next_row (sheet);
    }
  {
    g_autofree char *sentence = confianza_nps_describe (&data->nps);

    sheet_text (sheet, 0, sentence, NULL);
    sheet_next_row (sheet);
  }
  sheet_next_row (sheet);

  sheet_text (sheet, 0, _("Compensation paid in the period"), report->heading);
  sheet_next_row (sheet);
  {
    const char *titles[] = { _("Currency"), _("Amount"), _("Compensations") };

    sheet_header (sheet, titles, G_N_ELEMENTS (titles), 1u << 1 | 1u << 2);
  }
  codes = (const char **) g_hash_table_get_keys_as_array (data->currencies, &n_codes);
  qsort (codes, n_codes, sizeof *codes, compare_strings);
  for (guint i = 0; i < n_codes; i++)
    {
      CurrencyTotal *total = g_hash_table_lookup (data->currencies, codes[i]);

      sheet_text (sheet, 0, codes[i], NULL);
      sheet_number (sheet, 1, total->cents / 100.0, report_currency_format (report, codes[i]));
      sheet_number (sheet, 2, total->count, report->integer);
      sheet_next_row (sheet);
    }
  if (n_codes == 0)
    {
      sheet_text (sheet, 0, _("None"), NULL);
      sheet_next_row (sheet);
    }
  sheet_next_row (sheet);

  sheet_text (sheet, 0, _("On-time rate by month"), report->heading);
  sheet_next_row (sheet);
  table_row = sheet->row;
  {
    const char *titles[] = { _("Month due"), _("Settled promises"), _("On time"), _("On-time rate") };

    sheet_header (sheet, titles, G_N_ELEMENTS (titles), ~1u);
  }
  month_range (data->months, &first, &last);
  for (int key = first; key <= last; key++)
    {
      g_autoptr(GDateTime) start = month_start (key);
      ConfianzaOutcomeCounts *month = g_hash_table_lookup (data->months, GINT_TO_POINTER (key));

      sheet_date (sheet, 0, start, report->month);
      sheet_number (sheet, 1, month != NULL ? confianza_outcome_counts_settled (month) : 0, report->integer);
      sheet_number (sheet, 2, month != NULL ? confianza_outcome_counts_on_time (month) : 0, report->integer);
      /* A month with nothing settled has no rate: a gap in the line */
      if (month != NULL && confianza_outcome_counts_settled (month) > 0)
        sheet_number (sheet, 3, confianza_outcome_counts_on_time_rate (month), report->percent);
      sheet_next_row (sheet);
    }

  if (first <= last)
    {
      lxw_chart *chart = workbook_add_chart (report->workbook, LXW_CHART_LINE);
      lxw_chart_options options = { .x_offset = 10, .y_offset = 4, .x_scale = 1.25, .y_scale = 1.15 };
      lxw_chart_font title_font = { .size = 12, .bold = LXW_TRUE };
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);

      chart_series_set_categories (series, sheet->name, table_row + 1, 0, sheet->row - 1, 0);
      chart_series_set_values (series, sheet->name, table_row + 1, 3, sheet->row - 1, 3);
      chart_series_set_name_range (series, sheet->name, table_row, 3);
      chart_series_color (series, RGB_RATE, TRUE);
      chart_title_set_name (chart, _("On-time rate per month"));
      chart_title_set_name_font (chart, &title_font);
      chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
      chart_axis_set_num_format (chart->x_axis, MONTH_FORMAT);
      chart_axis_set_num_format (chart->y_axis, "0%");
      chart_axis_set_min (chart->y_axis, 0);
      chart_axis_set_max (chart->y_axis, 1);
      report_check (report, worksheet_insert_chart_opt (sheet->worksheet, 2, 3, chart, &options));
    }

  sheet_set_widths (sheet);
}

static gboolean
build_portfolio_report (Report    *report,
                        gpointer   user_data,
                        GError   **error)
{
  PortfolioData *data = user_data;
  g_autoptr(GError) local_error = NULL;
  PortfolioSheets sheets;
  const char *client_titles[] = {
    _("Client"), _("Company"), _("Status"), _("Trust index"), _("On-time rate"),
    _("Buffer (days early, mean)"), _("Promises due"), _("Overdue"), _("Incidents"),
    _("Last contact"), _("Would recommend (0–10)"), _("Promoter, passive or detractor"),
    _("Answered on"),
  };
  const char *incident_titles[] = {
    _("Client"), _("Happened on"), _("What went wrong"), _("Severity"),
    _("Responsibility"), _("Cause"), _("Isolated or systemic"), _("Recovery plan"),
  };
  const char *plan_titles[] = {
    _("Client"), _("Incident on"), _("Started on"), _("Steps done (of 6)"),
    _("Follow-ups on time"), _("Follow-ups done"), _("Follow-ups planned"),
    _("Outcome"), _("Closed on"),
  };

  G_STATIC_ASSERT (CONFIANZA_RECOVERY_METHOD_STEPS == 6);

  data->months = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  data->currencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  data->today = report->today;
  data->rows = g_array_new (FALSE, FALSE, sizeof (ClientRow));
  g_array_set_clear_func (data->rows, client_row_clear);
  data->period_promises = g_ptr_array_new ();
  data->incidents = g_ptr_array_new ();
  data->plans = g_ptr_array_new ();
  data->plan_follow_ups = g_ptr_array_new ();
  data->plan_compensations = g_ptr_array_new ();

  /* Every history in one ordered pass (not a query per client and kind),
   * keeping of each client only what the sheets show */
  if (!confianza_store_foreach_history (data->store, collect_client, data, &local_error))
    {
      g_set_error_literal (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_DATABASE,
                           local_error->message);
      return FALSE;
    }
  g_array_sort (data->rows, compare_client_rows);

  data->answers = confianza_store_get_latest_recommendations (data->store, &local_error);
  if (data->answers == NULL)
    {
      g_set_error_literal (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_DATABASE,
                           local_error->message);
      return FALSE;
    }
  data->answer_of_client = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < data->answers->len; i++)
    {
      ConfianzaRecommendation *answer = g_ptr_array_index (data->answers, i);

      g_hash_table_insert (data->answer_of_client,
                           GSIZE_TO_POINTER ((gsize) confianza_recommendation_get_client_id (answer)),
                           answer);
    }
  data->nps = confianza_nps_compute (data->answers);

  sheet_init (&sheets.summary, report, _("Summary"));
  sheet_init (&sheets.clients, report, _("Clients"));
  sheet_init (&sheets.incidents, report, _("Incidents"));
  sheet_init (&sheets.plans, report, _("Recovery plans"));

  sheets.clients.caps[0] = 30;
  sheets.clients.caps[1] = 30;
  sheets.incidents.caps[2] = 45;
  sheets.incidents.caps[5] = 25;
  sheet_header (&sheets.clients, client_titles, G_N_ELEMENTS (client_titles), 0x17F8);
  sheet_header (&sheets.incidents, incident_titles, G_N_ELEMENTS (incident_titles), 1u << 1);
  sheet_header (&sheets.plans, plan_titles, G_N_ELEMENTS (plan_titles), 0x17E);

  data->n_clients = data->rows->len;
  for (guint i = 0; i < data->rows->len && report->error == LXW_NO_ERROR; i++)
    write_portfolio_client (report, data, &sheets, &g_array_index (data->rows, ClientRow, i));

  write_portfolio_summary (report, data, &sheets.summary);

  sheet_finish_table (&sheets.clients, 0, G_N_ELEMENTS (client_titles));
  sheet_finish_table (&sheets.incidents, 0, G_N_ELEMENTS (incident_titles));
  sheet_finish_table (&sheets.plans, 0, G_N_ELEMENTS (plan_titles));
  sheet_set_widths (&sheets.clients);
  sheet_set_widths (&sheets.incidents);
  sheet_set_widths (&sheets.plans);

  sheet_clear (&sheets.summary);
  sheet_clear (&sheets.clients);
  sheet_clear (&sheets.incidents);
  sheet_clear (&sheets.plans);

  return TRUE;
}

/* Public API */

gboolean
confianza_report_write_client (const char  *database_path,
                               gint64       client_id,
                               GDateTime   *from,
                               GDateTime   *to,
                               const char  *business_name,
                               const char  *output_path,
                               GError     **error)
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autofree char *business = NULL;
  g_autofree char *title = NULL;
  ClientData data = { 0 };
  gboolean ok;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Before the database is even opened */
  if (!check_period (from, to, error) || !check_target (database_path, output_path, error))
    return FALSE;

  store = open_store (database_path, error);
  if (store == NULL)
    return FALSE;

  business = clean_text (business_name);
  if (business != NULL)
    g_strstrip (business);
  if (text_is_blank (business))
    g_clear_pointer (&business, g_free);

  data.store = store;
  data.from = from;
  data.to = to;
  data.business_name = business;
  if (!client_data_load (&data, client_id, error))
    {
      client_data_clear (&data);
      return FALSE;
    }

  title = g_strdup_printf (_("Report for %s"), confianza_client_get_name (data.client));
  ok = write_workbook (database_path, output_path, FALSE, title, business, build_client_report, &data, error);
  client_data_clear (&data);

  return ok;
}

gboolean
confianza_report_write_portfolio (const char  *database_path,
                                  GDateTime   *from,
                                  GDateTime   *to,
                                  const char  *business_name,
                                  const char  *output_path,
                                  GError     **error)
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autofree char *business = NULL;
  PortfolioData data = { 0 };
  gboolean ok;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Before the database is even opened */
  if (!check_period (from, to, error) || !check_target (database_path, output_path, error))
    return FALSE;

  store = open_store (database_path, error);
  if (store == NULL)
    return FALSE;

  business = clean_text (business_name);
  if (business != NULL)
    g_strstrip (business);
  if (text_is_blank (business))
    g_clear_pointer (&business, g_free);

  data.store = store;
  data.from = from;
  data.to = to;
  data.business_name = business;

  /* Ten thousand clients fit in a few megabytes: rows go straight to disk */
  ok = write_workbook (database_path, output_path, TRUE, _("Portfolio report"), business,
                       build_portfolio_report, &data, error);
  portfolio_data_clear (&data);

  return ok;
}

/* Keeps letters (with their accents), digits and a few safe marks; spaces
 * become underscores */
static char *
filename_part (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *normal = g_utf8_normalize (valid, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  GString *part = g_string_new (NULL);

  for (const char *p = normal; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '_')
        {
          if (part->len > 0 && part->str[part->len - 1] != '_')
            g_string_append_c (part, '_');
        }
      else if (g_unichar_isalnum (c) || g_unichar_ismark (c) ||
               c == '-' || c == '.' || c == '&' || c == '+' || c == ',' || c == '(' || c == ')')
        {
          /* Not a hidden file */
          if (!(c == '.' && part->len == 0))
            g_string_append_unichar (part, c);
        }

      if (g_utf8_strlen (part->str, -1) >= 80)
        break;
    }

  while (part->len > 0 && (part->str[part->len - 1] == '_' || part->str[part->len - 1] == '.'))
    g_string_truncate (part, part->len - 1);

  return g_string_free (part, FALSE);
}

char *
confianza_report_suggest_filename (const char *client_name,
                                   GDateTime  *date)
{
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *name = NULL;
  g_autofree char *day = NULL;
  /* TRANSLATORS: the first word of a report's file name, "Report_Ana_2024-05-31.xlsx":
   * letters only, no spaces */
  g_autofree char *word = filename_part (C_("file name", "Report"));

  if (date == NULL)
    date = today = confianza_date_today ();
  day = g_date_time_format (date, "%Y-%m-%d");

  /* TRANSLATORS: in the portfolio report's file name, "Report_portfolio_2024-05-31.xlsx" */
  name = filename_part (client_name != NULL ? client_name : C_("file name", "portfolio"));

  if (*name == '\0')
    return g_strdup_printf ("%s_%s.xlsx", word, day);

  return g_strdup_printf ("%s_%s_%s.xlsx", word, name, day);
}

static char *
name_key (const char *text)
{
  g_autofree char *normal = NULL;
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return g_strdup ("");

  stripped = g_strstrip (g_utf8_make_valid (text, -1));
  normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL_COMPOSE);

  return g_utf8_casefold (normal, -1);
}

static gboolean
is_number (const char *text)
{
  if (*text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

gint64
confianza_report_find_client (ConfianzaStore  *store,
                              const char      *name_or_id,
                              GError         **error)
{
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *trimmed = NULL;
  guint n;

  g_return_val_if_fail (CONFIANZA_IS_STORE (store), 0);
  g_return_val_if_fail (name_or_id != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  trimmed = g_strstrip (g_utf8_make_valid (name_or_id, -1));
  clients = confianza_store_get_clients (store);
  n = g_list_model_get_n_items (clients);

  if (is_number (trimmed))
    {
      gint64 id = g_ascii_strtoll (trimmed, NULL, 10);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ConfianzaClient) client = g_list_model_get_item (clients, i);

          if (confianza_client_get_id (client) == id)
            return id;
        }
    }

  wanted = name_key (trimmed);
  matches = g_ptr_array_new_with_free_func (g_object_unref);

  /* The name first; a company only when no name matches */
  for (guint pass = 0; pass < 2 && matches->len == 0; pass++)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ConfianzaClient) client = g_list_model_get_item (clients, i);
          g_autofree char *key = name_key (pass == 0 ? confianza_client_get_name (client)
                                                     : confianza_client_get_company (client));

          if (*wanted != '\0' && strcmp (key, wanted) == 0)
            g_ptr_array_add (matches, g_steal_pointer (&client));
        }
    }

  if (matches->len == 1)
    return confianza_client_get_id (g_ptr_array_index (matches, 0));

  if (matches->len == 0)
    {
      g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_NOT_FOUND,
                   _("There is no client called “%s”. Write the name as it appears "
                     "in Confianza, or the client's number."),
                   trimmed);
    }
  else
    {
      GString *list = g_string_new (NULL);

      for (guint i = 0; i < matches->len; i++)
        {
          ConfianzaClient *client = g_ptr_array_index (matches, i);
          const char *company = confianza_client_get_company (client);
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                     confianza_client_get_id (client));

          if (i > 0)
            g_string_append (list, "; ");
          if (!text_is_blank (company))
            /* TRANSLATORS: one of several clients with the same name: name, company, number */
            g_string_append_printf (list, _("%s (%s), number %s"),
                                    confianza_client_get_name (client), company, number);
          else
            /* TRANSLATORS: one of several clients with the same name: name, number */
            g_string_append_printf (list, _("%s, number %s"),
                                    confianza_client_get_name (client), number);
        }

      g_set_error (error, CONFIANZA_REPORT_ERROR, CONFIANZA_REPORT_ERROR_AMBIGUOUS,
                   _("Several clients match “%s”: %s. Use the client's number "
                     "instead."),
                   trimmed, list->str);
      g_string_free (list, TRUE);
    }

  return 0;
}
