/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-plans-page"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-plans-page.h"
#include "confianza-recovery-start.h"
#include "confianza-recovery-wizard.h"
#include "model/confianza-recovery.h"
#include "model/confianza-recovery-text.h"

struct _ConfianzaPlansPage
{
  AdwBin      parent_instance;

  ConfianzaStore *store;
  GListModel *plans;
  GListModel *clients;
  GListModel *incidents;

  /* Changes not shown yet: the rows are built when the page is shown,
   * not for the first frame of a window that opens on another page */
  gboolean    dirty;

  /* Template widgets */
  GtkStack   *stack;
  GtkListBox *in_progress_list;
  GtkListBox *closed_list;
  GtkWidget  *in_progress_group;
  GtkWidget  *closed_group;
};

G_DEFINE_FINAL_TYPE (ConfianzaPlansPage, confianza_plans_page, ADW_TYPE_BIN)

static const char *
client_name (ConfianzaPlansPage *self,
             gint64              id)
{
  guint n = g_list_model_get_n_items (self->clients);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConfianzaClient) client = g_list_model_get_item (self->clients, i);

      /* The list holds the client: the name outlives this reference. */
      if (confianza_client_get_id (client) == id)
        return confianza_client_get_name (client);
    }

  return "";
}

static ConfianzaIncident *
find_incident (ConfianzaPlansPage *self,
               gint64              id)
{
  guint n = g_list_model_get_n_items (self->incidents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConfianzaIncident) incident = g_list_model_get_item (self->incidents, i);

      if (confianza_incident_get_id (incident) == id)
        return g_steal_pointer (&incident);
    }

  return NULL;
}

/* Where the plan stands, how fast it went, what comes next. */
static char *
plan_subtitle (ConfianzaPlansPage    *self,
               ConfianzaRecoveryPlan *plan)
{
  g_autoptr(ConfianzaIncident) incident = find_incident (self, confianza_recovery_plan_get_incident_id (plan));
  g_autoptr(GListModel) follow_ups = confianza_store_get_follow_ups (self->store,
                                                                     confianza_recovery_plan_get_id (plan));
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *timing = NULL;
  g_autofree char *step = confianza_recovery_describe_step (confianza_recovery_plan_get_step (plan));
  guint n = g_list_model_get_n_items (follow_ups);

  g_string_append (text, step);

  if (incident != NULL)
    {
      int days = confianza_date_days_between (confianza_incident_get_happened_on (incident), today);

      g_string_append (text, " · ");
      if (days > 0)
        g_string_append_printf (text, ngettext ("incident %d day ago", "incident %d days ago", days), days);
      else
        g_string_append (text, _("incident today"));
    }

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (follow_ups, i));

  if (incident != NULL)
    timing = confianza_recovery_timing_text (incident, plan, array);
  if (timing != NULL && timing[0] != '\0')
    {
      g_string_append (text, "\n");
      g_string_append (text, timing);
    }

  /* The corrective measure still to apply, whenever it is due */
  {
    gboolean overdue = FALSE;

    if (confianza_recovery_measure_pending (plan, today, 3650, &overdue))
      {
        g_autofree char *due = confianza_date_format (confianza_recovery_plan_get_corrective_due (plan));

        g_string_append (text, "\n");
        if (overdue)
          /* Translators: %s is the day the corrective measure was due */
          g_string_append_printf (text, _("Corrective measure not applied yet: it was due %s"), due);
        else
          /* Translators: %s is the day the corrective measure is due */
          g_string_append_printf (text, _("Corrective measure to apply by %s"), due);
      }
  }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_row_activated (AdwActionRow *row,
                  gpointer      user_data)
{
  gint64 client_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "client-id"));

  gtk_widget_activate_action (GTK_WIDGET (row), "win.show-client-section", "(xs)",
                              client_id, "recovery");
}

/* An unfinished plan goes on where it was left, one click away. */
static void
on_resume_clicked (GtkButton          *button,
                   ConfianzaPlansPage *self)
{
  gint64 incident_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "incident-id"));
  g_autoptr(ConfianzaIncident) incident = find_incident (self, incident_id);

  if (incident != NULL)
    confianza_recovery_start_open (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))), self->store, incident);
}

static void
new_plan_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ConfianzaPlansPage *self = CONFIANZA_PLANS_PAGE (widget);

  if (self->store != NULL)
    confianza_recovery_start_choose (GTK_WINDOW (gtk_widget_get_root (widget)), self->store);
}

static void
rebuild (ConfianzaPlansPage *self)
{
  GtkWidget *child;
  guint n = self->plans != NULL ? g_list_model_get_n_items (self->plans) : 0;
  guint open = 0, closed = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->in_progress_list))) != NULL)
    gtk_list_box_remove (self->in_progress_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->closed_list))) != NULL)
    gtk_list_box_remove (self->closed_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConfianzaRecoveryPlan) plan = g_list_model_get_item (self->plans, i);
      ConfianzaPlanOutcome outcome = confianza_recovery_plan_get_outcome (plan);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *chip;

      subtitle = plan_subtitle (self, plan);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     client_name (self, confianza_recovery_plan_get_client_id (plan)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      chip = gtk_label_new (confianza_plan_outcome_to_label (outcome));
      gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (chip, "status-chip");
      gtk_widget_add_css_class (chip, outcome == CONFIANZA_PLAN_RECOVERED ? "success" :
                                      outcome == CONFIANZA_PLAN_LET_GO ? "error" : "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), chip);
      if (outcome == CONFIANZA_PLAN_IN_PROGRESS)
        {
          GtkWidget *resume = gtk_button_new_from_icon_name ("document-edit-symbolic");

          gtk_widget_set_valign (resume, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (resume, "flat");
          gtk_widget_set_tooltip_text (resume, _("Continue the Plan"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (resume), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Continue the Plan"), -1);
          g_object_set_data (G_OBJECT (resume), "incident-id",
                             GSIZE_TO_POINTER ((gsize) confianza_recovery_plan_get_incident_id (plan)));
          g_signal_connect (resume, "clicked", G_CALLBACK (on_resume_clicked), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), resume);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "client-id",
                         GSIZE_TO_POINTER ((gsize) confianza_recovery_plan_get_client_id (plan)));
      g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), NULL);

      if (outcome == CONFIANZA_PLAN_IN_PROGRESS)
        {
          gtk_list_box_append (self->in_progress_list, row);
          open++;
        }
      else
        {
          gtk_list_box_append (self->closed_list, row);
          closed++;
        }
    }

  gtk_widget_set_visible (self->in_progress_group, open > 0);
  gtk_widget_set_visible (self->closed_group, closed > 0);
  gtk_stack_set_visible_child_name (self->stack, open + closed > 0 ? "list" : "empty");
}

static void
on_changed (ConfianzaPlansPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = FALSE;
      rebuild (self);
    }
  else
    {
      self->dirty = TRUE;
    }
}

static void
on_map (ConfianzaPlansPage *self)
{
  if (self->dirty)
    on_changed (self);
}

static void
confianza_plans_page_dispose (GObject *object)
{
  ConfianzaPlansPage *self = CONFIANZA_PLANS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONFIANZA_TYPE_PLANS_PAGE);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->plans);
  g_clear_object (&self->clients);
  g_clear_object (&self->incidents);

  G_OBJECT_CLASS (confianza_plans_page_parent_class)->dispose (object);
}

static void
confianza_plans_page_class_init (ConfianzaPlansPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_plans_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-plans-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPlansPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPlansPage, in_progress_list);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPlansPage, closed_list);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPlansPage, in_progress_group);
  gtk_widget_class_bind_template_child (widget_class, ConfianzaPlansPage, closed_group);

  gtk_widget_class_install_action (widget_class, "plans.new-plan", NULL, new_plan_activated);
}

static void
confianza_plans_page_init (ConfianzaPlansPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}

ConfianzaPlansPage *
confianza_plans_page_new (void)
{
  return g_object_new (CONFIANZA_TYPE_PLANS_PAGE, NULL);
}

void
confianza_plans_page_set_store (ConfianzaPlansPage *self,
                                ConfianzaStore     *store)
{
  g_return_if_fail (CONFIANZA_IS_PLANS_PAGE (self));
  g_return_if_fail (CONFIANZA_IS_STORE (store));

  g_set_object (&self->store, store);
  g_clear_object (&self->plans);
  g_clear_object (&self->clients);
  g_clear_object (&self->incidents);
  self->plans = confianza_store_get_recovery_plans (store, 0);
  self->incidents = confianza_store_get_incidents (store, 0);
  self->clients = confianza_store_get_clients (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  on_changed (self);
}
