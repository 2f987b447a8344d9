/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-text"

/*
 * Text made safe to keep and to show (confianza-text.h): the rule, case by
 * case and over every code point, and every text property of the records
 * keeping only clean text, whoever sets it (the window, a CSV file, the
 * store loading an older database).
 */

#include "config.h"

#include <string.h>

#include "model/confianza-model.h"

/* Helpers */

static void
assert_clean (const char *text,
              const char *expected)
{
  g_autofree char *clean = confianza_text_clean (text);
  g_autofree char *again = NULL;

  g_assert_cmpstr (clean, ==, expected);
  g_assert_true (confianza_text_is_clean (clean));
  g_assert_true (g_utf8_validate (clean, -1, NULL));
  /* Cleaning clean text changes nothing */
  again = confianza_text_clean (clean);
  g_assert_cmpstr (again, ==, clean);
  g_assert_cmpint (confianza_text_is_clean (text), ==, g_strcmp0 (text, expected) == 0);
}

/* Tests */

static void
test_kept (void)
{
  const char *kept[] = {
    "",
    "Ana Pérez",
    "Tab\tand\nline feed",
    "«Comillas» “tipográficas” — y guiones",
    "Emoji 🙂 and a flag 🇪🇸",
    "Decomposed: Pe\xcc\x81rez",                      /* e + U+0301 */
    "Right to left: \xe2\x80\x8f\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",  /* U+200F, Hebrew */
    "No-break\xc2\xa0space and U+FFFD \xef\xbf\xbd",
    "The last characters: \xef\xbf\xbd \xf4\x8f\xbf\xbd",   /* U+FFFD, U+10FFFD */
    "=1+1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    assert_clean (kept[i], kept[i]);

  g_assert_null (confianza_text_clean (NULL));
  g_assert_true (confianza_text_is_clean (NULL));
}

static void
test_left_out (void)
{
  /* ESC and what a terminal would obey after it */
  assert_clean ("\x1b[31mRojo\x1b[0m", "[31mRojo[0m");
  assert_clean ("Ana\x1b]0;title\x07 Gil", "Ana]0;title Gil");
  /* The other C0 controls, DEL, and C1 controls (U+0085, U+009B) */
  assert_clean ("a\x01" "b\x08" "c\x0b" "d\x0c" "e\x7f" "f", "abcdef");
  assert_clean ("g\xc2\x85h\xc2\x9bi\xc2\x80j\xc2\x9fk", "ghijk");
  /* Noncharacters, U+FFFE and U+FFFF first (XML 1.0 forbids them) */
  assert_clean ("x\xef\xbf\xbey\xef\xbf\xbfz", "xyz");
  assert_clean ("\xef\xb7\x90" "a\xef\xb7\xaf", "a");                 /* U+FDD0, U+FDEF */
  assert_clean ("\xf0\x9f\xbf\xbe" "b\xf4\x8f\xbf\xbf", "b");         /* U+1FFFE, U+10FFFF */
  /* Line breaks become line feeds */
  assert_clean ("one\r\ntwo\rthree\n", "one\ntwo\nthree\n");
  assert_clean ("\r\r\n", "\n\n");
  /* Bytes that are not UTF-8 become U+FFFD */
  assert_clean ("Estudio \xff Prueba", "Estudio \xef\xbf\xbd Prueba");
  assert_clean ("\xc3", "\xef\xbf\xbd");
  /* Encoded surrogates are not UTF-8 either */
  assert_clean ("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  /* Nothing but controls: nothing */
  assert_clean ("\x1b\x1b\x7f", "");
}

/* Every code point, one by one: kept exactly when XML 1.0 allows it and it
 * is neither a control (but tab and line feed) nor a noncharacter */
static void
test_every_code_point (void)
{
  guint kept = 0;

  for (gunichar c = 1; c <= 0x10FFFF; c++)
    {
      char text[8] = "";
      g_autofree char *clean = NULL;
      gboolean xml_allows;
      gboolean expected;

      if (c >= 0xD800 && c <= 0xDFFF)
        continue;

      text[g_unichar_to_utf8 (c, text)] = '\0';
      clean = confianza_text_clean (text);

      xml_allows = c == 0x9 || c == 0xA || c == 0xD ||
                   (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
                   c >= 0x10000;
      expected = xml_allows && c != 0xD &&
                 !(c >= 0x7F && c <= 0x9F) &&
                 !(c >= 0xFDD0 && c <= 0xFDEF) && (c & 0xFFFE) != 0xFFFE;

      if (c == 0xD)
        g_assert_cmpstr (clean, ==, "\n");
      else if (expected)
        g_assert_cmpstr (clean, ==, text);
      else
        g_assert_cmpstr (clean, ==, "");

      g_assert_cmpint (confianza_text_is_clean (text), ==, expected);
      kept += expected;
    }

  /* U+0001 to U+10FFFF, less 2,048 surrogates, 29 C0 controls (all but
   * tab and line feed), DEL, 32 C1 controls and 66 noncharacters */
  g_assert_cmpuint (kept, ==, 0x10FFFF - 2048 - 29 - 1 - 32 - 66);
}

static void
test_replace (void)
{
  g_autofree char *field = NULL;

  g_assert_true (confianza_text_replace (&field, NULL));
  g_assert_cmpstr (field, ==, "");
  g_assert_false (confianza_text_replace (&field, ""));

  g_assert_true (confianza_text_replace (&field, "Ana\x1b"));
  g_assert_cmpstr (field, ==, "Ana");
  /* The same text once cleaned is no change */
  g_assert_false (confianza_text_replace (&field, "Ana"));
  g_assert_false (confianza_text_replace (&field, "A\x7fna\xef\xbf\xbf"));
  g_assert_cmpstr (field, ==, "Ana");
}

static void
test_display_filename (void)
{
  g_autofree char *shown = confianza_text_display_filename ("/tmp/\x1b[2Jinforme\xff.csv");

  g_assert_true (confianza_text_is_clean (shown));
  g_assert_null (strchr (shown, '\x1b'));
  g_assert_true (g_str_has_prefix (shown, "/tmp/[2Jinforme"));
  g_assert_null (confianza_text_display_filename (NULL));
}

/* Every text property of every record, set as the window, the CSV reader
 * and the store set them: through the setters */
static void
test_records_keep_clean_text (void)
{
  const GType types[] = {
    CONFIANZA_TYPE_CLIENT, CONFIANZA_TYPE_PROMISE, CONFIANZA_TYPE_QUICK_WIN,
    CONFIANZA_TYPE_CONVERSATION, CONFIANZA_TYPE_INCIDENT, CONFIANZA_TYPE_RECOVERY_PLAN,
    CONFIANZA_TYPE_FOLLOW_UP, CONFIANZA_TYPE_COMPENSATION, CONFIANZA_TYPE_RECOMMENDATION,
  };
  const char *dirty = "Ana\x1b[31m Gil\xef\xbf\xbe\xef\xbf\xbf\r\nnota\x7f\xff";
  const char *clean = "Ana[31m Gil\nnota\xef\xbf\xbd";
  guint checked = 0;

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GObject) record = g_object_new (types[t], NULL);
      g_autofree GParamSpec **specs = NULL;
      guint n_specs = 0;

      /* The title of the next promise due goes with its date */
      if (CONFIANZA_IS_CLIENT (record))
        {
          g_autoptr(GDateTime) due = confianza_date_new (2026, 3, 4);

          confianza_client_set_next_due (CONFIANZA_CLIENT (record), due, NULL);
        }

      specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (record), &n_specs);
      for (guint i = 0; i < n_specs; i++)
        {
          g_autofree char *value = NULL;

          if (specs[i]->value_type != G_TYPE_STRING ||
              (specs[i]->flags & G_PARAM_WRITABLE) == 0 ||
              (specs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
            continue;

          g_object_set (record, specs[i]->name, dirty, NULL);
          g_object_get (record, specs[i]->name, &value, NULL);
          g_test_message ("%s:%s", g_type_name (types[t]), specs[i]->name);
          g_assert_cmpstr (value, ==, clean);
          checked++;
        }
    }

  /* Client 7, promise 6, quick win 1, conversation 2, incident 2, recovery
   * plan 8, follow-up 1, compensation 2, recommendation 1 */
  g_assert_cmpuint (checked, ==, 30);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/kept", test_kept);
  g_test_add_func ("/text/left-out", test_left_out);
  g_test_add_func ("/text/every-code-point", test_every_code_point);
  g_test_add_func ("/text/replace", test_replace);
  g_test_add_func ("/text/display-filename", test_display_filename);
  g_test_add_func ("/text/records-keep-clean-text", test_records_keep_clean_text);

  return g_test_run ();
}
