/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-undo"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-undo.h"

typedef struct
{
  ConfianzaStore     *store;
  ConfianzaEraseFunc  erase;
  gint64              id;
  GtkFilter          *filter;
  GHashTable         *pending;
  AdwToastOverlay    *overlay;   /* weak */
  AdwToast           *toast;     /* weak: the overlay owns it */
  gboolean            done;
} Erasure;

static GList *erasures;

#define ID_KEY(id) GSIZE_TO_POINTER ((gsize) (id))

static void
erasure_free (Erasure *erasure)
{
  erasures = g_list_remove (erasures, erasure);
  g_clear_object (&erasure->store);
  g_clear_object (&erasure->filter);
  g_clear_pointer (&erasure->pending, g_hash_table_unref);
  g_clear_weak_pointer (&erasure->overlay);
  g_clear_weak_pointer (&erasure->toast);
  g_free (erasure);
}

static void
unhide (Erasure *erasure)
{
  g_hash_table_remove (erasure->pending, ID_KEY (erasure->id));
  gtk_filter_changed (erasure->filter, GTK_FILTER_CHANGE_LESS_STRICT);
}

static void
erase_now (Erasure *erasure)
{
  g_autoptr(GError) error = NULL;

  if (erasure->done)
    return;
  erasure->done = TRUE;

  if (!erasure->erase (erasure->store, erasure->id, &error))
    {
      /* It is still there: show it again, and say why. */
      unhide (erasure);
      if (erasure->overlay != NULL)
        adw_toast_overlay_add_toast (erasure->overlay, adw_toast_new (error->message));
      else
        g_warning ("%s", error->message);
      return;
    }

  g_hash_table_remove (erasure->pending, ID_KEY (erasure->id));
}

/* Callbacks */

static void
on_undo (AdwToast *toast,
         Erasure  *erasure)
{
  erasure->done = TRUE;
  unhide (erasure);
}

static void
on_dismissed (AdwToast *toast,
              Erasure  *erasure)
{
  erase_now (erasure);
  erasure_free (erasure);
}

static gboolean
pending_filter_match (gpointer item,
                      gpointer user_data)
{
  GHashTable *pending = user_data;
  gint64 id = 0;

  g_object_get (item, "id", &id, NULL);

  return !g_hash_table_contains (pending, ID_KEY (id));
}

GHashTable *
confianza_pending_new (void)
{
  return g_hash_table_new (g_direct_hash, g_direct_equal);
}

GtkFilter *
confianza_pending_filter_new (GHashTable *pending)
{
  return GTK_FILTER (gtk_custom_filter_new (pending_filter_match,
                                            g_hash_table_ref (pending),
                                            (GDestroyNotify) g_hash_table_unref));
}

AdwToast *
confianza_erase_with_undo (GtkWidget          *widget,
                           ConfianzaStore     *store,
                           ConfianzaEraseFunc  erase,
                           gint64              id,
                           const char         *title,
                           GtkFilter          *filter,
                           GHashTable         *pending)
{
  Erasure *erasure;
  GtkWidget *overlay;
  AdwToast *toast;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (erase != NULL, NULL);

  erasure = g_new0 (Erasure, 1);
  erasure->store = g_object_ref (store);
  erasure->erase = erase;
  erasure->id = id;
  erasure->filter = g_object_ref (filter);
  erasure->pending = g_hash_table_ref (pending);
  erasures = g_list_prepend (erasures, erasure);

  g_hash_table_add (pending, ID_KEY (id));
  gtk_filter_changed (filter, GTK_FILTER_CHANGE_MORE_STRICT);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      /* Nowhere to offer Undo: do it at once rather than never. */
      erase_now (erasure);
      erasure_free (erasure);
      return NULL;
    }

  g_set_weak_pointer (&erasure->overlay, ADW_TOAST_OVERLAY (overlay));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_undo), erasure);
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed), erasure);
  g_set_weak_pointer (&erasure->toast, toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);

  return toast;
}

void
confianza_erase_flush_all (void)
{
  while (erasures != NULL)
    {
      Erasure *erasure = erasures->data;

      /* Dismissing runs on_dismissed, which erases and frees it. */
      if (erasure->toast != NULL)
        {
          g_signal_handlers_disconnect_by_func (erasure->toast, on_dismissed, erasure);
          g_signal_handlers_disconnect_by_func (erasure->toast, on_undo, erasure);
        }
      erase_now (erasure);
      erasure_free (erasure);
    }
}
