/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "confianza-date.h"
#include "confianza-error.h"

#define MIN_YEAR 1
#define MAX_YEAR 9999

/* Helpers */


/* The locale's date format (D_FMT, what "%x" means) with a four-digit year:
 * many locales (C, es_ES) write "%y", and a two-digit year is ambiguous in
 * a record that spans decades. */
static char *
locale_date_format (void)
{
  const char *d_fmt = nl_langinfo (D_FMT);
  GString *format;

  if (d_fmt == NULL || *d_fmt == '\0')
    return g_strdup ("%x");

  for (const char *p = d_fmt; *p != '\0'; p++)
    {
      /* The format string is passed to g_date_time_format (), which wants
       * UTF-8: anything unusual falls back to GLib's own idea of "%x". */
      if ((guchar) *p >= 0x80)
        return g_strdup ("%x");
    }

  format = g_string_new (NULL);
  for (const char *p = d_fmt; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == 'y')
        {
          g_string_append (format, "%Y");
          p++;
        }
      else if (p[0] == '%' && p[1] != '\0')
        {
          g_string_append_len (format, p, 2);
          p++;
        }
      else
        {
          g_string_append_c (format, *p);
        }
    }

  return g_string_free (format, FALSE);
}

typedef enum
{
  PART_DAY,
  PART_MONTH,
  PART_YEAR,
} DatePart;

/*
 * The order of day, month and year in the locale's own way of writing
 * dates (D_FMT). FALSE in the C and POSIX locales (what cron, systemd and
 * containers run in): their month/day/year is nobody's choice, and
 * "03/04/2026" read that way would silently be another day than meant, so
 * there dates are written and read as year-month-day only.
 */
static gboolean
locale_date_order (DatePart order[3])
{
  const char *name = setlocale (LC_TIME, NULL);
  const char *d_fmt = nl_langinfo (D_FMT);
  guint n = 0;

  if (name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX") ||
      g_str_has_prefix (name, "C.") || d_fmt == NULL)
    return FALSE;

  for (const char *p = d_fmt; *p != '\0' && n < 3; p++)
    {
      if (p[0] != '%' || p[1] == '\0')
        continue;
      p++;
      /* Modifiers: %Ey, %Od, %-d… */
      while (*p == 'E' || *p == 'O' || *p == '-' || *p == '_' || *p == '0' || *p == '^' || *p == '#')
        p++;

      switch (*p)
        {
        case 'd': case 'e':
          order[n++] = PART_DAY;
          break;
        case 'm':
          order[n++] = PART_MONTH;
          break;
        case 'y': case 'Y':
          order[n++] = PART_YEAR;
          break;
        case 'D':   /* %m/%d/%y */
          order[0] = PART_MONTH, order[1] = PART_DAY, order[2] = PART_YEAR;
          n = 3;
          break;
        case 'F':   /* %Y-%m-%d */
          order[0] = PART_YEAR, order[1] = PART_MONTH, order[2] = PART_DAY;
          n = 3;
          break;
        default:
          break;
        }
    }

  return n == 3;
}

static const char *
part_word (DatePart part)
{
  switch (part)
    {
    /* Translators: a part of a date, as in "in the order day/month/year" */
    case PART_DAY:   return C_("date part", "day");
    case PART_MONTH: return C_("date part", "month");
    case PART_YEAR:  return C_("date part", "year");
    default:         g_assert_not_reached ();
    }
}

/* "day/month/year", in the locale's order and language */
static char *
order_words (const DatePart order[3])
{
  return g_strdup_printf ("%s/%s/%s", part_word (order[0]), part_word (order[1]), part_word (order[2]));
}

/* Whether @text is written with numbers only, no letters ("23/11/2026",
 * "23.11.26", "23/11"): then @values holds its first three groups of
 * digits, @digits their lengths, and @n how many groups there are. */
static gboolean
split_numbers (const char *text,
               int         values[3],
               int         digits[3],
               guint      *n)
{
  *n = 0;
  for (const char *p = text; *p != '\0';)
    {
      const char *start = p;

      /* A letter, or anything not ASCII: a date with words */
      if (g_ascii_isalpha (*p) || (guchar) *p >= 0x80)
        return FALSE;
      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }

      while (g_ascii_isdigit (*p))
        p++;
      if (*n < 3)
        {
          digits[*n] = (int) (p - start);
          values[*n] = digits[*n] <= 4 ? (int) g_ascii_strtoll (start, NULL, 10) : -1;
        }
      (*n)++;
    }

  return TRUE;
}

/* A two-digit year, in the century that puts it nearest this year */
static int
full_year (int value,
           int digits)
{
  g_autoptr(GDateTime) now = NULL;
  int this_year, year;

  if (digits > 2)
    return value;

  now = g_date_time_new_now_local ();
  this_year = g_date_time_get_year (now);
  year = this_year / 100 * 100 + value;
  if (year > this_year + 50)
    year -= 100;
  else if (year <= this_year - 50)
    year += 100;

  return year;
}

/* Reads a date of numbers only: year-first (2026/11/23) anywhere, else in
 * the locale's own order and no other, with @error saying so when it is
 * not a day in that order. @handled is FALSE when @text is not numbers
 * only; NULL without @error: not a date at all. */
static GDateTime *
parse_numbers (const char  *text,
               gboolean    *handled,
               GError     **error)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autofree char *iso_example = confianza_date_to_iso (today);
  int values[3], digits[3];
  int part[3] = { 0, 0, g_date_time_get_year (today) };
  DatePart order[3];
  GDateTime *date = NULL;
  guint n;

  *handled = split_numbers (text, values, digits, &n);
  if (!*handled || n < 2 || n > 3 || values[0] < 0 || values[1] < 0 || (n == 3 && values[2] < 0))
    return NULL;

  if (n == 3 && digits[0] == 4)
    return confianza_date_new (values[0], values[1], values[2]);

  if (!locale_date_order (order))
    {
      g_set_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_DATE,
                   /* Translators: the first %s is what was written, the
                    * second today's date as an example; keep the example
                    * as it is (year-month-day) */
                   _("“%s” could be read as different days. Without a language set "
                     "for dates, write them as year-month-day, like %s."),
                   text, iso_example);
      return NULL;
    }

  /* With two numbers, the day and month of this year */
  for (guint i = 0, j = 0; i < 3 && j < n; i++)
    {
      if (n == 2 && order[i] == PART_YEAR)
        continue;
      part[order[i]] = order[i] == PART_YEAR ? full_year (values[j], digits[j]) : values[j];
      j++;
    }

  date = confianza_date_new (part[PART_YEAR], part[PART_MONTH], part[PART_DAY]);
  if (date == NULL)
    {
      g_autofree char *words = order_words (order);
      g_autofree char *example = confianza_date_format (today);

      g_set_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_DATE,
                   /* Translators: "“31/02/2026” is not a date in the order
                    * day/month/year. Write it like 23/11/2026, or as
                    * year-month-day, like 2026-11-23." */
                   _("“%s” is not a date in the order %s. Write it like %s, or as "
                     "year-month-day, like %s."),
                   text, words, example, iso_example);
    }

  return date;
}

/* A date with words in it ("4 de marzo de 2026"), as GDate reads it */
static GDateTime *
parse_words (const char *text)
{
  GDate gdate;

  g_date_clear (&gdate, 1);
  g_date_set_parse (&gdate, text);
  if (!g_date_valid (&gdate))
    return NULL;

  return confianza_date_new (g_date_get_year (&gdate),
                             g_date_get_month (&gdate),
                             g_date_get_day (&gdate));
}

static gboolean
is_iso_shaped (const char *text)
{
  if (strlen (text) != 10)
    return FALSE;

  for (int i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (text[i]))
        {
          return FALSE;
        }
    }

  return TRUE;
}

/* Parses a string already known to be ISO-shaped; NULL if the day does not
 * exist (2024-02-30). */
static GDateTime *
date_from_iso_shaped (const char *text)
{
  int year = (int) g_ascii_strtoll (text, NULL, 10);
  int month = (int) g_ascii_strtoll (text + 5, NULL, 10);
  int day = (int) g_ascii_strtoll (text + 8, NULL, 10);

  return confianza_date_new (year, month, day);
}

/* Public API */

gboolean
confianza_date_is_valid_ymd (int year,
                             int month,
                             int day)
{
  if (year < MIN_YEAR || year > MAX_YEAR)
    return FALSE;
  if (month < 1 || month > 12 || day < 1 || day > 31)
    return FALSE;

  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* Returns: (transfer full) (nullable): the day at 00:00 UTC, or NULL when
 * the day does not exist. */
GDateTime *
confianza_date_new (int year,
                    int month,
                    int day)
{
  if (!confianza_date_is_valid_ymd (year, month, day))
    return NULL;

  return g_date_time_new_utc (year, month, day, 0, 0, 0.0);
}

/* Today as the user sees it on their clock, stored as that day at UTC. */
GDateTime *
confianza_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return confianza_date_from_datetime (now);
}

GDateTime *
confianza_date_from_datetime (GDateTime *datetime)
{
  int year, month, day;

  g_return_val_if_fail (datetime != NULL, NULL);

  g_date_time_get_ymd (datetime, &year, &month, &day);

  return confianza_date_new (year, month, day);
}

GDateTime *
confianza_date_add_days (GDateTime *date,
                         int        days)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) result = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  day = confianza_date_from_datetime (date);
  if (day == NULL)
    return NULL;

  result = g_date_time_add_days (day, days);
  if (result == NULL || g_date_time_get_year (result) > MAX_YEAR)
    return NULL;

  return g_steal_pointer (&result);
}

GDateTime *
confianza_date_from_iso (const char  *iso,
                         GError     **error)
{
  GDateTime *date = NULL;

  if (iso != NULL && is_iso_shaped (iso))
    date = date_from_iso_shaped (iso);

  if (date == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (iso != NULL ? iso : "", -1);

      g_set_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_DATE,
                   /* Translators: %s is what was read; keep 2026-11-23 as is,
                    * it is the file format, not a date shown to the user */
                   _("“%s” is not a valid date: it should be written like 2026-11-23."),
                   shown);
      return NULL;
    }

  return date;
}

/* Returns: (transfer full) (nullable): "YYYY-MM-DD", or NULL for no date. */
char *
confianza_date_to_iso (GDateTime *date)
{
  int year, month, day;

  if (date == NULL)
    return NULL;

  g_date_time_get_ymd (date, &year, &month, &day);

  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/* Returns: (transfer full): the date in the locale's short format with a
 * four-digit year ("23/11/2026" in Spanish), or "" for no date. In the C
 * and POSIX locales, year-month-day ("2026-11-23"): see
 * confianza_date_parse_locale (). */
char *
confianza_date_format (GDateTime *date)
{
  g_autofree char *format = NULL;
  DatePart order[3];
  char *text;

  if (date == NULL)
    return g_strdup ("");

  if (!locale_date_order (order))
    return confianza_date_to_iso (date);

  format = locale_date_format ();
  text = g_date_time_format (date, format);
  if (text == NULL)
    text = g_date_time_format (date, "%x");
  if (text == NULL)
    text = confianza_date_to_iso (date);

  return text;
}

/*
 * Reads a date typed by the user. Year-month-day ("2026-11-23", or with
 * "/" or ".") is read in every locale. A date of numbers only in another
 * order is read in the locale's own order only ("23/11/2026" in Spanish,
 * "11/23/2026" in English), never guessed in another: "13/25/2026" is
 * refused in both, naming the forms it accepts. The C and POSIX locales
 * have no order of their own: there only year-month-day is read, since
 * "03/04/2026" means different days to different people. Dates with the
 * month's name are read as GDate understands them.
 */
GDateTime *
confianza_date_parse_locale (const char  *text,
                             GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *example = NULL;
  GDateTime *date = NULL;

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    {
      stripped = g_strstrip (g_strdup (text));

      if (is_iso_shaped (stripped))
        {
          date = date_from_iso_shaped (stripped);
        }
      else if (*stripped != '\0')
        {
          g_autoptr(GError) order_error = NULL;
          gboolean numbers;

          date = parse_numbers (stripped, &numbers, &order_error);
          if (order_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&order_error));
              return NULL;
            }
          if (!numbers)
            date = parse_words (stripped);
        }
    }

  if (date != NULL)
    return date;

  today = confianza_date_today ();
  example = confianza_date_format (today);

  if (stripped == NULL || *stripped == '\0')
    g_set_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_DATE,
                 /* Translators: %s is today's date, as an example */
                 _("Write a date, for example %s."),
                 example);
  else
    g_set_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_DATE,
                 /* Translators: the first %s is what the user typed, the
                  * second is today's date, as an example */
                 _("“%s” is not a date. Write it like this: %s."),
                 stripped, example);

  return NULL;
}

/* Whole days from @from to @to: positive when @to is later. */
/* Days since 1970-01-01 of the datetime's own calendar day: dates are
 * compared and subtracted as days, never as instants, so a GDateTime that
 * is not at 00:00 UTC still counts as the day its owner sees. Howard
 * Hinnant's days_from_civil: plain arithmetic, where a GDate would be set
 * up for every record of every client the trust index reads. */
int
confianza_date_day_number (GDateTime *date)
{
  int year, month, day;
  int era;
  unsigned yoe, doy, doe;

  g_return_val_if_fail (date != NULL, 0);

  g_date_time_get_ymd (date, &year, &month, &day);

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = (unsigned) (year - era * 400);
  doy = (unsigned) ((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1);
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + (int) doe - 719468;
}

int
confianza_date_days_between (GDateTime *from,
                             GDateTime *to)
{
  g_return_val_if_fail (from != NULL, 0);
  g_return_val_if_fail (to != NULL, 0);

  return confianza_date_day_number (to) - confianza_date_day_number (from);
}

/* A qsort-style comparison by calendar day; NULL ("no date") sorts last. */
int
confianza_date_compare (GDateTime *a,
                        GDateTime *b)
{
  int da, db;

  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);

  da = confianza_date_day_number (a);
  db = confianza_date_day_number (b);

  return (da > db) - (da < db);
}

/* Same calendar day, or both unset. */
gboolean
confianza_date_equal (GDateTime *a,
                      GDateTime *b)
{
  return confianza_date_compare (a, b) == 0;
}
