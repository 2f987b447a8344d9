/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-report"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "model/confianza-text.h"
#include "confianza-report-internal.h"

/* Helpers: values */

GPtrArray *
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
char *
clean_text (const char *text)
{
  char *clean = confianza_text_clean (text);

  if (clean != NULL && g_utf8_strlen (clean, -1) > EXCEL_MAX_STRING)
    *g_utf8_offset_to_pointer (clean, EXCEL_MAX_STRING) = '\0';

  return clean;
}

gboolean
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

int
month_key (GDateTime *date)
{
  return g_date_time_get_year (date) * 12 + g_date_time_get_month (date) - 1;
}

/* Both ends included, NULL = no limit. A record without a date belongs only
 * to the unlimited period. */
gboolean
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
GDateTime *
promise_period_date (ConfianzaPromise *promise)
{
  GDateTime *due = confianza_promise_get_due_on (promise);

  return due != NULL ? due : confianza_promise_get_promised_on (promise);
}

/* A recovery plan under way at some time in the period */
gboolean
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

int
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

int
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

int
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

void
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

void
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
lxw_format *
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
char *
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

void
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

void
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

void
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

void
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

void
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

void
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
void
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
void
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

void
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
void
sheet_label (Sheet      *sheet,
             const char *label)
{
  sheet_text (sheet, 0, label, sheet->report->label);
}

void
sheet_label_number (Sheet      *sheet,
                    const char *label,
                    double      value,
                    lxw_format *format)
{
  sheet_label (sheet, label);
  sheet_number (sheet, 1, value, format);
  sheet_next_row (sheet);
}

/* A summary's title, then who made the report when it is named, under
 * @business_label */
void
sheet_title (Sheet      *sheet,
             const char *title,
             const char *business_label,
             const char *business_name)
{
  sheet_text (sheet, 0, title, sheet->report->title);
  sheet->row += 2;

  if (business_name != NULL)
    {
      sheet_label (sheet, business_label);
      sheet_text (sheet, 1, business_name, NULL);
      sheet_next_row (sheet);
    }
}

/* The period, as two rows: a date, or "All records" with no limit */
void
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
void
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

GDateTime *
month_start (int key)
{
  return confianza_date_new (key / 12, key % 12 + 1, 1);
}


ConfianzaIncident *
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


/* Charts */

void
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
