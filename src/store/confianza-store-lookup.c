/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "confianza-store.h"

/* Finding a client by what a person types, built on the store's row-by-row
 * read: for the command line. */

/* What two names are compared by: valid UTF-8, trimmed, normalized, and
 * without letter case */
static char *
name_key (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name != NULL ? name : "", -1);
  g_autofree char *normal = g_utf8_normalize (g_strstrip (valid), -1, G_NORMALIZE_ALL_COMPOSE);

  return g_utf8_casefold (normal, -1);
}

typedef struct
{
  char      *wanted;
  GPtrArray *matches;     /* by name */
  GPtrArray *companies;   /* by company, or NULL when not wanted */
} Lookup;

static gboolean
collect_match (gpointer record,
               gpointer user_data)
{
  Lookup *lookup = user_data;
  g_autofree char *key = name_key (confianza_client_get_name (record));

  if (strcmp (key, lookup->wanted) == 0)
    g_ptr_array_add (lookup->matches, g_object_ref (record));

  if (lookup->companies != NULL)
    {
      g_autofree char *company = name_key (confianza_client_get_company (record));

      if (strcmp (company, lookup->wanted) == 0)
        g_ptr_array_add (lookup->companies, g_object_ref (record));
    }

  return TRUE;
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

/* The one client called @name, or (@by_company) whose company is @name
 * when nobody is called so */
static ConfianzaClient *
find_one (ConfianzaStore  *self,
          const char      *name,
          gboolean         by_company,
          GError         **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) companies = NULL;
  GPtrArray *matches = names;
  g_autofree char *wanted = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GString) list = NULL;
  Lookup lookup;

  wanted = name_key (name);
  shown = g_strstrip (g_utf8_make_valid (name, -1));
  if (by_company)
    companies = g_ptr_array_new_with_free_func (g_object_unref);
  lookup.wanted = wanted;
  lookup.matches = names;
  lookup.companies = companies;
  if (*wanted != '\0' &&
      !confianza_store_foreach_client (self, collect_match, &lookup, error))
    return NULL;

  if (names->len == 0 && companies != NULL)
    matches = companies;

  if (matches->len == 1)
    return g_object_ref (g_ptr_array_index (matches, 0));

  if (matches->len == 0)
    {
      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND,
                   _("There is no client called “%s”."), shown);
      return NULL;
    }

  list = g_string_new (NULL);
  for (guint i = 0; i < matches->len; i++)
    {
      ConfianzaClient *client = g_ptr_array_index (matches, i);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 confianza_client_get_id (client));
      const char *company = confianza_client_get_company (client);

      if (i > 0)
        g_string_append (list, "; ");
      if (company != NULL && *company != '\0')
        /* TRANSLATORS: one of several clients of the same name: the name,
         * the client's number and their company */
        g_string_append_printf (list, _("%s (number %s, %s)"),
                                confianza_client_get_name (client), number, company);
      else
        /* TRANSLATORS: one of several clients of the same name: the name
         * and the client's number */
        g_string_append_printf (list, _("%s (number %s)"),
                                confianza_client_get_name (client), number);
    }

  g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_AMBIGUOUS,
               _("Several clients are called “%s”: %s. Use the client's number instead."),
               shown, list->str);

  return NULL;
}

/**
 * confianza_store_find_client_by_name:
 *
 * Returns: (transfer full): the one client called @name, or NULL
 */
ConfianzaClient *
confianza_store_find_client_by_name (ConfianzaStore  *self,
                                     const char      *name,
                                     GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return find_one (self, name, FALSE, error);
}

/**
 * confianza_store_find_client:
 *
 * Returns: (transfer full): the client numbered, called, or (when nobody is
 * called so) working for @text, or NULL
 */
ConfianzaClient *
confianza_store_find_client (ConfianzaStore  *self,
                             const char      *text,
                             GError         **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_utf8_make_valid (text, -1));
  if (is_number (trimmed))
    {
      ConfianzaClient *client = confianza_store_get_client (self, g_ascii_strtoll (trimmed, NULL, 10), NULL);

      /* A number no client has may still be someone's name */
      if (client != NULL)
        return client;
    }

  return find_one (self, trimmed, TRUE, error);
}
