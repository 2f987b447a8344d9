/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <string.h>

#include "confianza-text.h"

/* Helpers */

static gboolean
is_kept (gunichar c)
{
  if (c == '\t' || c == '\n')
    return TRUE;

  /* C0, DEL and C1 controls */
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
    return FALSE;

  /* Noncharacters: U+FDD0–U+FDEF and U+xxFFFE, U+xxFFFF in every plane */
  if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
    return FALSE;

  return TRUE;
}

/* Public API */

gboolean
confianza_text_is_clean (const char *text)
{
  const char *p;

  if (text == NULL)
    return TRUE;

  /* One pass: most text is plain ASCII, checked byte by byte; the rest is
   * decoded and validated one character at a time */
  for (p = text; *p != '\0';)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          if (!is_kept ((guchar) *p))
            return FALSE;
          p++;
          continue;
        }

      /* (gunichar) -1 or -2 for bytes that are not UTF-8 */
      c = g_utf8_get_char_validated (p, -1);
      if (c >= 0xFFFFFFFE || !is_kept (c))
        return FALSE;
      p = g_utf8_next_char (p);
    }

  return TRUE;
}

char *
confianza_text_clean (const char *text)
{
  g_autofree char *valid = NULL;
  GString *clean;

  if (text == NULL)
    return NULL;

  if (confianza_text_is_clean (text))
    return g_strdup (text);

  valid = g_utf8_make_valid (text, -1);
  clean = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          /* CR LF is one break, the LF that follows */
          if (p[1] != '\n')
            g_string_append_c (clean, '\n');
        }
      else if (is_kept (c))
        {
          g_string_append_len (clean, p, g_utf8_next_char (p) - p);
        }
    }

  return g_string_free (clean, FALSE);
}

gboolean
confianza_text_replace (char       **field,
                        const char  *text)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (field != NULL, FALSE);

  clean = confianza_text_clean (text != NULL ? text : "");
  if (g_strcmp0 (*field, clean) == 0)
    return FALSE;

  g_free (*field);
  *field = g_steal_pointer (&clean);

  return TRUE;
}

char *
confianza_text_display_filename (const char *filename)
{
  g_autofree char *shown = NULL;

  if (filename == NULL)
    return NULL;

  shown = g_filename_display_name (filename);

  return confianza_text_clean (shown);
}
