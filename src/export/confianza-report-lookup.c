/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-report"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "confianza-report-internal.h"

/* The command line's client lookup */

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
