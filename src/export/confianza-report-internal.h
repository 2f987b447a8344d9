/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of src/export/ only: never included outside it.
 * confianza-report.c holds the public entry points; the other files are
 * its rooms (see README.md in this folder). */

#include <xlsxwriter.h>

#include "model/confianza-recovery.h"
#include "confianza-report.h"

G_BEGIN_DECLS

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


/* confianza-report-sheet.c: values, formats, sheets and charts */

GPtrArray *
array_from_model (GListModel *model);

/* Clean text (confianza-text.h: nothing that XML forbids), cut to the
 * longest text a cell may hold. NULL stays NULL. */
char *
clean_text (const char *text);

gboolean
text_is_blank (const char *text);

int
month_key (GDateTime *date);

/* Both ends included, NULL = no limit. A record without a date belongs only
 * to the unlimited period. */
gboolean
in_period (GDateTime *date,
           GDateTime *from,
           GDateTime *to);

/* The day a promise counts for: when it fell due */
GDateTime *
promise_period_date (ConfianzaPromise *promise);

/* A recovery plan under way at some time in the period */
gboolean
plan_in_period (ConfianzaRecoveryPlan *plan,
                GDateTime             *from,
                GDateTime             *to);

int
compare_incidents_by_date (gconstpointer a,
                           gconstpointer b);

int
compare_quick_wins_by_date (gconstpointer a,
                            gconstpointer b);

int
compare_plans_by_start (gconstpointer a,
                        gconstpointer b);

void
report_check (Report    *report,
              lxw_error  error);

void
report_init_formats (Report *report);

/* The number format of an amount of money in @code, the symbol where the
 * currency's own usage puts it */
lxw_format *
report_currency_format (Report     *report,
                        const char *code);

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\, not
 * starting or ending with an apostrophe, unique without regard to case. */
char *
report_sheet_name (Report     *report,
                   const char *wanted);

void
sheet_init (Sheet      *sheet,
            Report     *report,
            const char *wanted_name);

void
sheet_clear (Sheet *sheet);

void
sheet_text (Sheet      *sheet,
            lxw_col_t   col,
            const char *text,
            lxw_format *format);

void
sheet_number (Sheet      *sheet,
              lxw_col_t   col,
              double      value,
              lxw_format *format);

void
sheet_date (Sheet      *sheet,
            lxw_col_t   col,
            GDateTime  *date,
            lxw_format *format);

void
sheet_next_row (Sheet *sheet);

/* @right: a bit per column whose values are numbers or dates, so that the
 * header sits over them */
void
sheet_header (Sheet             *sheet,
              const char * const *titles,
              guint               n_titles,
              guint               right);

/* Frozen header row and filter over a table from @first_row, then the
 * column widths the content needs */
void
sheet_finish_table (Sheet     *sheet,
                    lxw_row_t  first_row,
                    lxw_col_t  n_columns);

void
sheet_set_widths (Sheet *sheet);

/* A label in the first column and its value beside it: the row to write the
 * value on */
void
sheet_label (Sheet      *sheet,
             const char *label);

/* A label, its number beside it in @format, then the next row */
void
sheet_label_number (Sheet      *sheet,
                    const char *label,
                    double      value,
                    lxw_format *format);

/* A summary's title, then who made the report when it is named, under
 * @business_label */
void
sheet_title (Sheet      *sheet,
             const char *title,
             const char *business_label,
             const char *business_name);

/* The period, as two rows: a date, or "All records" with no limit */
void
sheet_period (Sheet     *sheet,
              GDateTime *from,
              GDateTime *to);

/* Months as a table below the summary: the first of each month from the
 * first to the last key, with the gaps filled */
void
month_range (GHashTable *months,
             int        *first,
             int        *last);

GDateTime *
month_start (int key);

ConfianzaIncident *
find_incident (GPtrArray *incidents,
               gint64     id);

void
chart_series_color (lxw_chart_series *series,
                    lxw_color_t       color,
                    gboolean          line);

/* confianza-report-file.c: the target, the period, the connection, the safe file */

/* Everything that can be said about the target before any work is done */
gboolean
check_target (const char  *database_path,
              const char  *output_path,
              GError     **error);

gboolean
check_period (GDateTime  *from,
              GDateTime  *to,
              GError    **error);

/* Our own connection: never a new, empty database in place of a missing one */
ConfianzaStore *
open_store (const char  *database_path,
            GError     **error);

/* A hidden temporary file beside @output_path, mode 0600 from the start */
char *
make_temporary (const char  *output_path,
                const char  *folder,
                GError     **error);

/* Checks the target again, then flushes @temporary and renames it over
 * @output_path, and flushes the folder */
gboolean
move_into_place (const char  *temporary,
                 const char  *output_path,
                 const char  *folder,
                 const char  *database_path,
                 GError     **error);

/* The target was checked by check_target () before the records were read */
gboolean
write_workbook (const char  *database_path,
                const char  *output_path,
                gboolean     constant_memory,
                const char  *title,
                const char  *business_name,
                BuildFunc    build,
                gpointer     data,
                GError     **error);

/* What one report is asked for, filled in by the entry points
 * (confianza-report.c) once the period and the target are checked */
typedef struct
{
  ConfianzaStore *store;           /* our own connection, read-only */
  const char     *database_path;
  const char     *output_path;
  GDateTime      *from;            /* NULL: no limit on that side */
  GDateTime      *to;
  char           *business_name;   /* clean, or NULL when blank */
  ConfianzaAddress address;        /* how the client report addresses the client */
} ReportRequest;

/* confianza-report-client.c: the report for the client @client_id */
gboolean      report_write_client      (const ReportRequest  *request,
                                        gint64                client_id,
                                        GError              **error);

/* confianza-report-portfolio.c: the portfolio report over every client */
gboolean      report_write_portfolio   (const ReportRequest  *request,
                                        GError              **error);

G_END_DECLS
