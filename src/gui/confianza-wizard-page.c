/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-wizard-page"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-date.h"
#include "model/confianza-recovery.h"

#include "confianza-application.h"
#include "confianza-wizard-page.h"
#include "confianza-words-editor.h"

typedef struct
{
  ConfianzaStore         *store;
  ConfianzaIncident      *incident;
  ConfianzaRecoveryDraft *draft;
  ConfianzaForm          *form;
  /* The plan as all the pages said at the last update (for drafting
   * words from it), or NULL before the first */
  ConfianzaRecoveryPlan  *current;
  /* Changes made by the program, not the user: not reported. */
  gboolean                quiet;
  /* The words the page drafts (-1: none), and the messages of that kind
   * that went out, shown under the step */
  int                     words_kind;
  GtkBox                 *kept_box;

  /* Template widgets */
  GtkBox                 *box;
  GtkLabel               *title_label;
  GtkLabel               *description_label;
} ConfianzaWizardPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ConfianzaWizardPage, confianza_wizard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CONTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Callbacks */

static void
on_watched_changed (GtkWidget *widget)
{
  GtkWidget *page = gtk_widget_get_ancestor (widget, CONFIANZA_TYPE_WIZARD_PAGE);
  ConfianzaWizardPagePrivate *priv;

  if (page == NULL)
    return;

  priv = confianza_wizard_page_get_instance_private (CONFIANZA_WIZARD_PAGE (page));
  if (!priv->quiet)
    g_signal_emit (page, signals[CHANGED], 0, widget);
}

/* Default handlers */

static void
confianza_wizard_page_real_touch_all (ConfianzaWizardPage *self)
{
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);

  confianza_form_touch_all (priv->form);
}

/* GObject */

static void
confianza_wizard_page_dispose (GObject *object)
{
  ConfianzaWizardPage *self = CONFIANZA_WIZARD_PAGE (object);
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);

  /* GTK 4.8's gtk_widget_dispose_template () reads the template of the
   * instance's class whatever the type it is given: it can only dispose of
   * the step's template, which it does here for every step. This class's
   * own template goes with AdwBin's child and, at the end, the page. */
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  priv->box = NULL;
  priv->title_label = NULL;
  priv->description_label = NULL;
  priv->kept_box = NULL;
  g_clear_pointer (&priv->form, confianza_form_free);
  g_clear_object (&priv->store);
  g_clear_object (&priv->incident);
  g_clear_object (&priv->draft);
  g_clear_object (&priv->current);

  G_OBJECT_CLASS (confianza_wizard_page_parent_class)->dispose (object);
}

static void
confianza_wizard_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ConfianzaWizardPage *self = CONFIANZA_WIZARD_PAGE (object);
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_label (priv->title_label));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, gtk_label_get_label (priv->description_label));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
confianza_wizard_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ConfianzaWizardPage *self = CONFIANZA_WIZARD_PAGE (object);
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TITLE:
      gtk_label_set_label (priv->title_label, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      gtk_label_set_label (priv->description_label, g_value_get_string (value));
      break;

    case PROP_CONTENT:
      /* Below the title and the description, set once by the template. */
      gtk_box_append (priv->box, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
confianza_wizard_page_class_init (ConfianzaWizardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = confianza_wizard_page_dispose;
  object_class->get_property = confianza_wizard_page_get_property;
  object_class->set_property = confianza_wizard_page_set_property;

  klass->touch_all = confianza_wizard_page_real_touch_all;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ConfianzaWizardPage::changed:
   * @widget: the widget the user changed
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_FIRST,
                  G_STRUCT_OFFSET (ConfianzaWizardPageClass, changed),
                  NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GTK_TYPE_WIDGET);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/confianza-wizard-page.ui");
  gtk_widget_class_bind_template_child_private (widget_class, ConfianzaWizardPage, box);
  gtk_widget_class_bind_template_child_private (widget_class, ConfianzaWizardPage, title_label);
  gtk_widget_class_bind_template_child_private (widget_class, ConfianzaWizardPage, description_label);
}

static void
confianza_wizard_page_init (ConfianzaWizardPage *self)
{
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Its button and general error are the wizard's: see setup (). */
  priv->form = confianza_form_new (NULL, NULL);
  priv->words_kind = -1;
}

/* Public API */

void
confianza_wizard_page_setup (ConfianzaWizardPage    *self,
                             ConfianzaStore         *store,
                             ConfianzaIncident      *incident,
                             ConfianzaRecoveryDraft *draft,
                             GtkWidget              *next_button,
                             GtkLabel               *general_error)
{
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);

  g_return_if_fail (CONFIANZA_IS_WIZARD_PAGE (self));
  g_return_if_fail (CONFIANZA_IS_STORE (store));
  g_return_if_fail (CONFIANZA_IS_INCIDENT (incident));
  g_return_if_fail (CONFIANZA_IS_RECOVERY_DRAFT (draft));

  g_set_object (&priv->store, store);
  g_set_object (&priv->incident, incident);
  g_set_object (&priv->draft, draft);
  confianza_form_set_save_button (priv->form, next_button, general_error);
}

ConfianzaStore *
confianza_wizard_page_get_store (ConfianzaWizardPage *self)
{
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CONFIANZA_IS_WIZARD_PAGE (self), NULL);

  return priv->store;
}

ConfianzaIncident *
confianza_wizard_page_get_incident (ConfianzaWizardPage *self)
{
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CONFIANZA_IS_WIZARD_PAGE (self), NULL);

  return priv->incident;
}

ConfianzaRecoveryDraft *
confianza_wizard_page_get_draft (ConfianzaWizardPage *self)
{
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CONFIANZA_IS_WIZARD_PAGE (self), NULL);

  return priv->draft;
}

ConfianzaForm *
confianza_wizard_page_get_form (ConfianzaWizardPage *self)
{
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);

  g_return_val_if_fail (CONFIANZA_IS_WIZARD_PAGE (self), NULL);

  return priv->form;
}

void
confianza_wizard_page_watch (ConfianzaWizardPage *self,
                             gpointer             widget,
                             ...)
{
  va_list args;

  g_return_if_fail (CONFIANZA_IS_WIZARD_PAGE (self));

  va_start (args, widget);
  for (; widget != NULL; widget = va_arg (args, gpointer))
    {
      g_warn_if_fail (gtk_widget_is_ancestor (widget, GTK_WIDGET (self)));
      confianza_form_watch (widget, on_watched_changed);
    }
  va_end (args);
}

void
confianza_wizard_page_quietly (ConfianzaWizardPage *self,
                               void               (*func) (ConfianzaWizardPage *self,
                                                           gpointer             data),
                               gpointer             data)
{
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);
  gboolean quiet;

  g_return_if_fail (CONFIANZA_IS_WIZARD_PAGE (self));

  quiet = priv->quiet;
  priv->quiet = TRUE;
  func (self, data);
  priv->quiet = quiet;
}

/* The messages of the page's kind that went out, oldest first, each
 * with how and when, its words a click away */
static void
show_kept (ConfianzaWizardPage *self)
{
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);
  g_autoptr(GPtrArray) messages = NULL;
  GtkWidget *child;

  if (priv->kept_box == NULL || priv->draft == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (priv->kept_box))) != NULL)
    gtk_box_remove (priv->kept_box, child);

  messages = confianza_recovery_draft_messages_of (priv->draft, priv->words_kind);
  for (guint i = 0; i < messages->len; i++)
    {
      ConfianzaRecoveryMessage *message = g_ptr_array_index (messages, i);
      g_autofree char *when = confianza_recovery_message_describe (message);
      GtkWidget *expander = gtk_expander_new (when);
      GtkWidget *words = gtk_label_new (confianza_recovery_message_get_text (message));

      gtk_label_set_wrap (GTK_LABEL (words), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (words), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (words), 0);
      gtk_label_set_selectable (GTK_LABEL (words), TRUE);
      gtk_widget_set_margin_start (words, 18);
      gtk_widget_set_margin_top (words, 6);
      gtk_expander_set_child (GTK_EXPANDER (expander), words);
      gtk_box_append (priv->kept_box, expander);
    }
  gtk_widget_set_visible (GTK_WIDGET (priv->kept_box), messages->len > 0);
}

static void
load_quietly (ConfianzaWizardPage *self,
              gpointer             plan)
{
  CONFIANZA_WIZARD_PAGE_GET_CLASS (self)->load (self, plan);
}

void
confianza_wizard_page_load (ConfianzaWizardPage   *self,
                            ConfianzaRecoveryPlan *plan)
{
  g_return_if_fail (CONFIANZA_IS_WIZARD_PAGE (self));
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan));

  confianza_wizard_page_quietly (self, load_quietly, plan);
  show_kept (self);
}

void
confianza_wizard_page_apply (ConfianzaWizardPage   *self,
                             ConfianzaRecoveryPlan *plan)
{
  g_return_if_fail (CONFIANZA_IS_WIZARD_PAGE (self));
  g_return_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan));

  CONFIANZA_WIZARD_PAGE_GET_CLASS (self)->apply (self, plan);
}

gboolean
confianza_wizard_page_check (ConfianzaWizardPage  *self,
                             const char          **property,
                             GError              **error)
{
  ConfianzaWizardPageClass *klass;

  g_return_val_if_fail (CONFIANZA_IS_WIZARD_PAGE (self), FALSE);

  klass = CONFIANZA_WIZARD_PAGE_GET_CLASS (self);

  return klass->check == NULL || klass->check (self, property, error);
}

void
confianza_wizard_page_update (ConfianzaWizardPage   *self,
                              ConfianzaRecoveryPlan *plan)
{
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);
  ConfianzaWizardPageClass *klass;

  g_return_if_fail (CONFIANZA_IS_WIZARD_PAGE (self));

  g_set_object (&priv->current, plan);
  klass = CONFIANZA_WIZARD_PAGE_GET_CLASS (self);
  if (klass->update != NULL)
    klass->update (self, plan);
}

/* Drafted words */

/* What the plan recorded, for the words; the caller frees @facts's
 * client, compensation and next */
static void
gather_facts (ConfianzaWizardPage *self,
              ConfianzaWordsFacts *facts)
{
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);
  ConfianzaRecoveryPlan *plan = priv->current != NULL ? priv->current : confianza_recovery_draft_get_plan (priv->draft);
  GPtrArray *compensations = confianza_recovery_draft_get_compensations (priv->draft);
  g_autoptr(ConfianzaClient) client = NULL;
  g_autoptr(GPtrArray) dates = confianza_recovery_plan_follow_up_dates (plan);
  g_autoptr(GDateTime) today = confianza_date_today ();

  client = confianza_store_get_client (priv->store, confianza_incident_get_client_id (priv->incident), NULL);
  if (client != NULL)
    {
      facts->client = g_strdup (confianza_client_get_name (client));
    }
  facts->address = confianza_application_client_address ();
  facts->what = confianza_incident_get_description (priv->incident);
  facts->when = confianza_incident_get_happened_on (priv->incident);
  facts->guarantee = confianza_recovery_plan_get_guarantee_terms (plan);
  facts->until = confianza_recovery_plan_get_guarantee_until (plan);

  if (compensations->len > 0)
    {
      ConfianzaCompensation *compensation = g_ptr_array_index (compensations, 0);
      const char *kind = confianza_compensation_kind_to_label (confianza_compensation_get_kind (compensation));
      const char *description = confianza_compensation_get_description (compensation);
      gint64 cents = confianza_compensation_get_amount_cents (compensation);
      g_autofree char *amount = cents > 0 ? confianza_recovery_format_amount (cents, confianza_compensation_get_currency (compensation)) : NULL;
      char *text;

      if (description != NULL && description[0] != '\0')
        text = g_strdup (description);
      else if (amount != NULL)
        /* Translators: kind of compensation: amount ("Refund: 450,00 EUR") */
        text = g_strdup_printf (_("%s: %s"), kind, amount);
      else
        text = g_utf8_strdown (kind, -1);
      facts->compensation = text;
    }

  /* The next follow-up of the schedule from today on */
  for (guint i = 0; i < dates->len; i++)
    if (confianza_date_compare (g_ptr_array_index (dates, i), today) >= 0)
      {
        facts->next = g_date_time_ref (g_ptr_array_index (dates, i));
        break;
      }
}

void
confianza_wizard_page_set_words (ConfianzaWizardPage *self,
                                 ConfianzaWordsKind   kind)
{
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);

  g_return_if_fail (CONFIANZA_IS_WIZARD_PAGE (self));
  g_return_if_fail (priv->kept_box == NULL);

  priv->words_kind = kind;
  priv->kept_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_widget_set_margin_top (GTK_WIDGET (priv->kept_box), 12);
  gtk_widget_set_visible (GTK_WIDGET (priv->kept_box), FALSE);
  gtk_box_append (priv->box, GTK_WIDGET (priv->kept_box));
}

/* The words went out: kept with the plan, dated; with a plan not saved
 * yet, in the draft, which the wizard saves as a change */
static void
on_words_sent (GtkWidget           *editor,
               ConfianzaMessageWay  way,
               const char          *text,
               gpointer             data)
{
  ConfianzaWizardPage *self = CONFIANZA_WIZARD_PAGE (data);
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);
  ConfianzaRecoveryPlan *plan = confianza_recovery_draft_get_plan (priv->draft);
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(ConfianzaRecoveryMessage) message = NULL;
  GtkRoot *dialog = gtk_widget_get_root (editor);

  message = confianza_recovery_message_new (confianza_recovery_plan_get_id (plan),
                                            confianza_recovery_plan_get_client_id (plan),
                                            priv->words_kind, way, text, today);
  if (confianza_recovery_plan_get_id (plan) > 0)
    {
      g_autoptr(GError) error = NULL;

      if (!confianza_store_add_recovery_message (priv->store, message, &error))
        {
          /* The words went out all the same: only keeping them failed */
          confianza_words_editor_show_error (editor, error->message);
          return;
        }
      confianza_recovery_draft_add_message (priv->draft, message);
    }
  else
    {
      confianza_recovery_draft_add_message (priv->draft, message);
      g_signal_emit (self, signals[CHANGED], 0, GTK_WIDGET (self));
    }

  show_kept (self);
  if (ADW_IS_MESSAGE_DIALOG (dialog))
    gtk_window_destroy (GTK_WINDOW (dialog));
}

void
confianza_wizard_page_draft_words (ConfianzaWizardPage *self,
                                   ConfianzaWordsKind   kind,
                                   const char          *title)
{
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);
  ConfianzaWordsFacts facts = { NULL };
  g_autofree char *text = NULL;
  g_autoptr(ConfianzaClient) client = NULL;
  GtkWidget *dialog, *editor;

  g_return_if_fail (CONFIANZA_IS_WIZARD_PAGE (self));

  gather_facts (self, &facts);
  text = confianza_recovery_words_draft (kind, &facts);
  if (facts.next != NULL)
    g_date_time_unref (facts.next);
  if (facts.compensation != NULL)
    g_free ((char *) facts.compensation);
  if (facts.client != NULL)
    g_free ((char *) facts.client);

  if (priv->words_kind < 0)
    priv->words_kind = kind;
  client = confianza_store_get_client (priv->store, confianza_incident_get_client_id (priv->incident), NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), title,
                                   _("A draft from what the plan recorded. Edit it, then copy it or open it in your mail client and send it yourself: Confianza never sends it. What you copy or open is kept with the plan, dated."));
  editor = confianza_words_editor_new (kind, title, text,
                                       client != NULL ? confianza_client_get_name (client) : NULL,
                                       client != NULL ? confianza_client_get_email (client) : NULL,
                                       on_words_sent, g_object_ref (self), g_object_unref);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), editor);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"), NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWidget *
confianza_wizard_page_show_errors (ConfianzaWizardPage *self,
                                   const char          *property,
                                   const GError        *error)
{
  ConfianzaWizardPagePrivate *priv = confianza_wizard_page_get_instance_private (self);
  ConfianzaWizardPageClass *klass;
  GtkWidget *invalid;
  GtkWidget *other;

  g_return_val_if_fail (CONFIANZA_IS_WIZARD_PAGE (self), NULL);

  klass = CONFIANZA_WIZARD_PAGE_GET_CLASS (self);
  invalid = confianza_form_show (priv->form, property, error);
  other = klass->validate != NULL ? klass->validate (self) : NULL;

  return invalid != NULL ? invalid : other;
}

void
confianza_wizard_page_touch_all (ConfianzaWizardPage *self)
{
  g_return_if_fail (CONFIANZA_IS_WIZARD_PAGE (self));

  CONFIANZA_WIZARD_PAGE_GET_CLASS (self)->touch_all (self);
}

gboolean
confianza_wizard_page_leave (ConfianzaWizardPage *self)
{
  ConfianzaWizardPageClass *klass;

  g_return_val_if_fail (CONFIANZA_IS_WIZARD_PAGE (self), FALSE);

  klass = CONFIANZA_WIZARD_PAGE_GET_CLASS (self);

  return klass->leave == NULL || klass->leave (self);
}
