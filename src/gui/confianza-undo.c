/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-undo"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-undo.h"

/* What a toast's Undo puts back: the toast owns it */
typedef struct
{
  ConfianzaStore         *store;
  ConfianzaStoreSnapshot *snapshot;
  AdwToastOverlay        *overlay;   /* weak */
} Erasure;

/* A GClosureNotify: the toast lets it go with its "button-clicked" handler */
static void
erasure_free (gpointer  data,
              GClosure *closure)
{
  Erasure *erasure = data;

  g_clear_object (&erasure->store);
  g_clear_pointer (&erasure->snapshot, confianza_store_snapshot_free);
  g_clear_weak_pointer (&erasure->overlay);
  g_free (erasure);
}

static void
tell (AdwToastOverlay *overlay,
      const char      *message)
{
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, adw_toast_new (message));
  else
    g_warning ("%s", message);
}

/* Callbacks */

static void
on_undo (AdwToast *toast,
         Erasure  *erasure)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaStoreSnapshot) snapshot = g_steal_pointer (&erasure->snapshot);

  if (snapshot != NULL &&
      !confianza_store_restore_snapshot (erasure->store, snapshot, &error))
    tell (erasure->overlay, error->message);
}

AdwToast *
confianza_erase_with_undo (GtkWidget      *widget,
                           ConfianzaStore *store,
                           GType           type,
                           gint64          id,
                           const char     *title)
{
  g_autoptr(ConfianzaStoreSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  Erasure *erasure;
  AdwToast *toast;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  /* On disk before anything else: a crash a moment later keeps it erased */
  if (!confianza_store_delete_keeping (store, type, id, &snapshot, &error))
    {
      tell (overlay != NULL ? ADW_TOAST_OVERLAY (overlay) : NULL, error->message);
      return NULL;
    }

  if (overlay == NULL)
    return NULL;

  erasure = g_new0 (Erasure, 1);
  erasure->store = g_object_ref (store);
  erasure->snapshot = g_steal_pointer (&snapshot);
  g_set_weak_pointer (&erasure->overlay, ADW_TOAST_OVERLAY (overlay));

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* The snapshot lives as long as the toast, and Undo with it */
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo), erasure,
                         erasure_free, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);

  return toast;
}
