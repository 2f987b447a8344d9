/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-incident-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-recovery.h"
#include "confianza-date-entry.h"
#include "confianza-incident-dialog.h"

struct _ConfianzaIncidentDialog
{
  ConfianzaDialog     parent_instance;

  ConfianzaIncident  *incident;   /* the incident being edited, or NULL */
  gint64              client_id;
  GListModel         *all_incidents;

  /* Template widgets */
  GtkButton          *save_button;
  GtkLabel           *general_error;
  GtkLabel           *happened_on_label;
  ConfianzaDateEntry *happened_on_entry;
  GtkLabel           *happened_on_error;
  GtkTextView        *description_view;
  GtkLabel           *description_error;
  GtkDropDown        *severity_dropdown;
  GtkDropDown        *responsibility_dropdown;
  GtkEntry           *cause_entry;
  GtkMenuButton      *cause_button;
  GtkLabel           *cause_error;
  GtkLabel           *systemic_label;
};

G_DEFINE_FINAL_TYPE (ConfianzaIncidentDialog, confianza_incident_dialog, CONFIANZA_TYPE_DIALOG)

/* The drop-downs list the values in the order of their enums. */
static GtkStringList *
severity_labels (void)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (ConfianzaSeverity s = CONFIANZA_SEVERITY_MINOR; s <= CONFIANZA_SEVERITY_CRITICAL; s++)
    gtk_string_list_append (labels, confianza_severity_to_label (s));

  return labels;
}

static GtkStringList *
responsibility_labels (void)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (ConfianzaResponsibility r = CONFIANZA_RESPONSIBILITY_OURS; r <= CONFIANZA_RESPONSIBILITY_EXTERNAL; r++)
    gtk_string_list_append (labels, confianza_responsibility_to_label (r));

  return labels;
}

static GPtrArray *
model_to_array (GListModel *model)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  GPtrArray *array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (model, i));

  return array;
}

/* The usual causes, then the ones the user typed before. */
static GMenuModel *
cause_menu (GListModel *incidents)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) defaults = confianza_recovery_default_causes ();
  guint n = incidents != NULL ? g_list_model_get_n_items (incidents) : 0;

  for (guint i = 0; defaults[i] != NULL; i++)
    g_ptr_array_add (seen, g_strdup (defaults[i]));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConfianzaIncident) incident = g_list_model_get_item (incidents, i);
      const char *cause = confianza_incident_get_cause (incident);
      g_autofree char *trimmed = g_strstrip (g_strdup (cause));
      gboolean known = trimmed[0] == '\0';

      for (guint j = 0; j < seen->len && !known; j++)
        known = confianza_rules_same_category (g_ptr_array_index (seen, j), trimmed);
      if (!known)
        g_ptr_array_add (seen, g_steal_pointer (&trimmed));
    }

  for (guint i = 0; i < seen->len; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (g_ptr_array_index (seen, i), NULL);

      g_menu_item_set_action_and_target_value (item, "incident.cause",
                                               g_variant_new_string (g_ptr_array_index (seen, i)));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static ConfianzaIncident *
incident_from_form (ConfianzaIncidentDialog *self)
{
  g_autofree char *description = confianza_form_get_text (self->description_view);
  g_autofree char *cause = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->cause_entry))));
  ConfianzaIncident *incident;

  if (self->incident != NULL)
    incident = confianza_incident_copy (self->incident);
  else
    incident = confianza_incident_new (self->client_id, NULL, NULL);

  confianza_incident_set_happened_on (incident, confianza_date_entry_get_date (self->happened_on_entry));
  confianza_incident_set_description (incident, description);
  confianza_incident_set_severity (incident, gtk_drop_down_get_selected (self->severity_dropdown));
  confianza_incident_set_responsibility (incident, gtk_drop_down_get_selected (self->responsibility_dropdown));
  confianza_incident_set_cause (incident, cause);

  return incident;
}

static void
update_systemic (ConfianzaIncidentDialog *self,
                 ConfianzaIncident       *incident)
{
  g_autofree char *sentence = NULL;

  if (incident != NULL)
    sentence = confianza_incident_systemic_sentence (incident, self->all_incidents);

  gtk_label_set_label (self->systemic_label, sentence != NULL ? sentence : "");
  gtk_widget_set_visible (GTK_WIDGET (self->systemic_label), sentence != NULL);
}

/* ConfianzaDialog */

static GObject *
confianza_incident_dialog_read_form (ConfianzaDialog  *dialog,
                                     const char      **property,
                                     GError          **error)
{
  ConfianzaIncidentDialog *self = CONFIANZA_INCIDENT_DIALOG (dialog);
  g_autoptr(ConfianzaIncident) incident = incident_from_form (self);
  gboolean valid;

  if (!confianza_date_entry_check (self->happened_on_entry, error))
    {
      *property = "happened-on";
      valid = FALSE;
    }
  else
    {
      valid = confianza_incident_validate (incident, property, error);
    }

  update_systemic (self, incident);

  return valid ? G_OBJECT (g_steal_pointer (&incident)) : NULL;
}

static gboolean
confianza_incident_dialog_save (ConfianzaDialog  *dialog,
                                GObject          *record,
                                GError          **error)
{
  return confianza_store_save_incident (confianza_dialog_get_store (dialog), CONFIANZA_INCIDENT (record), error);
}

/* Callbacks */

static void
cause_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ConfianzaIncidentDialog *self = CONFIANZA_INCIDENT_DIALOG (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->cause_entry), g_variant_get_string (parameter, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (self->cause_entry));
}

/* GObject */

static void
confianza_incident_dialog_dispose (GObject *object)
{
  ConfianzaIncidentDialog *self = CONFIANZA_INCIDENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_INCIDENT_DIALOG);
  g_clear_object (&self->incident);
  g_clear_object (&self->all_incidents);

  G_OBJECT_CLASS (confianza_incident_dialog_parent_class)->dispose (object);
}

static void
confianza_incident_dialog_class_init (ConfianzaIncidentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  ConfianzaDialogClass *dialog_class = CONFIANZA_DIALOG_CLASS (klass);

  object_class->dispose = confianza_incident_dialog_dispose;
  dialog_class->read_form = confianza_incident_dialog_read_form;
  dialog_class->save = confianza_incident_dialog_save;

  g_type_ensure (CONFIANZA_TYPE_DATE_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-incident-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaIncidentDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaIncidentDialog, general_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaIncidentDialog, happened_on_label);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaIncidentDialog, happened_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaIncidentDialog, happened_on_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaIncidentDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaIncidentDialog, description_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaIncidentDialog, severity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaIncidentDialog, responsibility_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaIncidentDialog, cause_entry);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaIncidentDialog, cause_button);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaIncidentDialog, cause_error);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaIncidentDialog, systemic_label);

  gtk_widget_class_install_action (widget_class, "incident.cause", "s", cause_activated);
}

static void
confianza_incident_dialog_init (ConfianzaIncidentDialog *self)
{
  ConfianzaDialog *dialog = CONFIANZA_DIALOG (self);
  ConfianzaForm *form;
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GtkStringList) severities = NULL;
  g_autoptr(GtkStringList) responsibilities = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  form = confianza_dialog_init_form (dialog, GTK_WIDGET (self->save_button), self->general_error);
  confianza_form_add_field (form, "happened-on", GTK_WIDGET (self->happened_on_entry), self->happened_on_error);
  confianza_form_add_field (form, "description", GTK_WIDGET (self->description_view), self->description_error);
  confianza_form_add_field (form, "cause", GTK_WIDGET (self->cause_entry), self->cause_error);
  confianza_dialog_watch (dialog, self->description_view, self->severity_dropdown,
                          self->responsibility_dropdown, self->cause_entry, NULL);

  severities = severity_labels ();
  responsibilities = responsibility_labels ();
  gtk_drop_down_set_model (self->severity_dropdown, G_LIST_MODEL (severities));
  gtk_drop_down_set_model (self->responsibility_dropdown, G_LIST_MODEL (responsibilities));
  gtk_drop_down_set_selected (self->severity_dropdown, CONFIANZA_SEVERITY_SERIOUS);
  gtk_drop_down_set_selected (self->responsibility_dropdown, CONFIANZA_RESPONSIBILITY_OURS);

  confianza_date_entry_set_label (self->happened_on_entry, self->happened_on_label);
  confianza_date_entry_set_date (self->happened_on_entry, today);
  confianza_dialog_watch (dialog, self->happened_on_entry, NULL);
}

ConfianzaIncidentDialog *
confianza_incident_dialog_new (GtkWindow         *parent,
                               ConfianzaStore    *store,
                               gint64             client_id,
                               ConfianzaIncident *incident)
{
  ConfianzaIncidentDialog *self;
  g_autoptr(GMenuModel) menu = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (incident == NULL || CONFIANZA_IS_INCIDENT (incident), NULL);
  g_return_val_if_fail (incident != NULL || client_id > 0, NULL);

  self = g_object_new (CONFIANZA_TYPE_INCIDENT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
  self->client_id = client_id;
  self->all_incidents = confianza_store_get_incidents (store, 0);

  menu = cause_menu (self->all_incidents);
  gtk_menu_button_set_menu_model (self->cause_button, menu);

  if (incident != NULL)
    {
      const char *description = confianza_incident_get_description (incident);

      self->incident = g_object_ref (incident);
      self->client_id = confianza_incident_get_client_id (incident);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Incident"));
      confianza_date_entry_set_date (self->happened_on_entry, confianza_incident_get_happened_on (incident));
      if (*description != '\0')
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view), description, -1);
      gtk_drop_down_set_selected (self->severity_dropdown, confianza_incident_get_severity (incident));
      gtk_drop_down_set_selected (self->responsibility_dropdown, confianza_incident_get_responsibility (incident));
      gtk_editable_set_text (GTK_EDITABLE (self->cause_entry), confianza_incident_get_cause (incident));
    }

  confianza_dialog_validate (CONFIANZA_DIALOG (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->description_view));

  return self;
}

char *
confianza_incident_systemic_sentence (ConfianzaIncident *incident,
                                      GListModel        *incidents)
{
  g_autoptr(GPtrArray) array = NULL;

  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (incident), NULL);

  array = model_to_array (incidents);

  if (confianza_recovery_is_systemic (incident, array, TRUE))
    return g_strdup (_("It is a structural problem, not an isolated error: the same cause went wrong for this client within 12 months. Fix the cause before trust can come back."));

  if (confianza_recovery_is_systemic (incident, array, FALSE))
    return g_strdup (_("The same cause went wrong with another client within 12 months: it may be a structural problem in how you work. Fix the cause before trust can come back."));

  return NULL;
}
