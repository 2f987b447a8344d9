/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-client-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-client-rows.h"
#include "model/confianza-date.h"
#include "model/confianza-enums.h"

/* Popover menus are made when they open: a page of many rows would
 * otherwise build one for each row, most of them never opened */
static void
set_menu_on_open (GtkMenuButton *button,
                  gpointer       menu)
{
  if (gtk_menu_button_get_menu_model (button) != menu)
    gtk_menu_button_set_menu_model (button, menu);
}

GtkWidget *
confianza_row_menu (gint64       id,
                    const char  *label,
                    const char  *first_label,
                    ...)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();
  const char *entry = first_label;
  va_list args;

  va_start (args, first_label);
  while (entry != NULL)
    {
      const char *action = va_arg (args, const char *);
      g_autoptr(GMenuItem) item = g_menu_item_new (entry, NULL);

      g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (id));
      g_menu_append_item (menu, item);
      entry = va_arg (args, const char *);
    }
  va_end (args);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), set_menu_on_open,
                                         g_object_ref (menu), g_object_unref);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  return button;
}

GtkWidget *
confianza_chip (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "status-confianza_chip");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

GtkWidget *
confianza_new_row (const char *title,
                   const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  return row;
}

GtkWidget *
confianza_quick_win_row_new (gpointer item,
                             gpointer user_data)
{
  ConfianzaQuickWin *win = item;
  g_autofree char *achieved = confianza_date_format (confianza_quick_win_get_achieved_on (win));
  g_autofree char *subtitle = NULL;
  gint64 id = confianza_quick_win_get_id (win);
  GtkWidget *row;

  if (confianza_quick_win_get_shared (win))
    {
      g_autofree char *shared = confianza_date_format (confianza_quick_win_get_shared_on (win));
      /* Translators: dates a quick win was achieved and shown to the client */
      subtitle = g_strdup_printf (_("Achieved %s · shared with the client %s"), achieved, shared);
    }
  else
    {
      subtitle = g_strdup_printf (_("Achieved %s · not shared yet"), achieved);
    }

  row = confianza_new_row (confianza_quick_win_get_title (win), subtitle);
  if (confianza_quick_win_get_shared (win))
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), confianza_chip (_("Shared"), "success"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 confianza_row_menu (id, _("Quick win actions"),
                                           _("_Edit…"), "client.edit-quick-win",
                                           _("_Delete"), "client.delete-quick-win",
                                           NULL));
    }
  else
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 confianza_row_menu (id, _("Quick win actions"),
                                           _("Mark _Shared Today"), "client.share-quick-win",
                                           _("_Edit…"), "client.edit-quick-win",
                                           _("_Delete"), "client.delete-quick-win",
                                           NULL));
    }

  return row;
}

GtkWidget *
confianza_conversation_row_new (gpointer item,
                                gpointer user_data)
{
  ConfianzaConversation *conversation = item;
  g_autofree char *date = confianza_date_format (confianza_conversation_get_happened_on (conversation));
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *said = confianza_conversation_get_client_said (conversation);
  const char *agreed = confianza_conversation_get_agreed (conversation);
  GtkWidget *row;

  /* Translators: date · channel of a conversation ("12/11/2026 · Phone call") */
  title = g_strdup_printf (_("%s · %s"), date,
                           confianza_channel_to_label (confianza_conversation_get_channel (conversation)));
  if (said[0] != '\0')
    /* Translators: the client's own words, quoted */
    g_string_append_printf (subtitle, _("“%s”"), said);
  if (agreed[0] != '\0')
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, "\n");
      g_string_append_printf (subtitle, _("Agreed: %s"), agreed);
    }

  row = confianza_new_row (title, subtitle->str);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             confianza_row_menu (confianza_conversation_get_id (conversation),
                                       _("Conversation actions"),
                                       _("_Edit…"), "client.edit-conversation",
                                       _("_Delete"), "client.delete-conversation",
                                       NULL));

  return row;
}

/* One answer to "would you recommend us?", so that answers before and
 * after a recovery can be compared */
GtkWidget *
confianza_recommendation_row_new (gpointer item,
                                  gpointer user_data)
{
  ConfianzaRecommendation *answer = item;
  int score = confianza_recommendation_get_score (answer);
  ConfianzaRecommender recommender = confianza_recommender_for_score (score);
  g_autofree char *date = confianza_date_format (confianza_recommendation_get_answered_on (answer));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *comment = confianza_recommendation_get_comment (answer);
  GtkWidget *row;

  /* Translators: an answer from 0 to 10 and its date ("9 out of 10 · 12/03/2026") */
  title = g_strdup_printf (_("%d out of 10 · %s"), score, date);
  if (comment[0] != '\0')
    /* Translators: the client's own words, quoted */
    subtitle = g_strdup_printf (_("“%s”"), comment);

  row = confianza_new_row (title, subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             confianza_chip (confianza_recommender_to_label (recommender),
                                   confianza_recommender_to_css_class (recommender)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             confianza_row_menu (confianza_recommendation_get_id (answer),
                                       _("Answer actions"),
                                       _("_Edit…"), "client.edit-recommendation",
                                       _("_Delete"), "client.delete-recommendation",
                                       NULL));

  return row;
}

GPtrArray *
confianza_model_to_array (GListModel *model)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  GPtrArray *array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (model, i));

  return array;
}

GtkWidget *
confianza_follow_up_row_new (ConfianzaFollowUp *follow_up,
                             GDateTime         *today)
{
  g_autofree char *due = confianza_date_format (confianza_follow_up_get_due_on (follow_up));
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GDateTime *done_on = confianza_follow_up_get_done_on (follow_up);
  const char *note = confianza_follow_up_get_note (follow_up);
  GtkWidget *row;
  GtkWidget *button;

  /* Translators: %s is the date a follow-up is planned for */
  title = g_strdup_printf (_("Follow-up %s"), due);
  if (done_on != NULL)
    {
      g_autofree char *done = confianza_date_format (done_on);

      if (confianza_follow_up_is_on_time (follow_up))
        /* Translators: %s is the date a follow-up was done */
        g_string_append_printf (subtitle, _("Done %s, on time"), done);
      else
        /* Translators: %s is the date a follow-up was done */
        g_string_append_printf (subtitle, _("Done %s, late"), done);
    }
  else
    {
      int days = confianza_date_days_between (confianza_follow_up_get_due_on (follow_up), today);

      if (days > 0)
        g_string_append_printf (subtitle, ngettext ("%d day overdue", "%d days overdue", days), days);
      else if (days == 0)
        g_string_append (subtitle, _("Due today"));
      else
        g_string_append (subtitle, _("Not done yet"));
    }
  if (note != NULL && note[0] != '\0')
    {
      g_string_append (subtitle, "\n");
      g_string_append (subtitle, note);
    }

  row = confianza_new_row (title, subtitle->str);
  if (done_on != NULL)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), confianza_chip (_("Done"), confianza_follow_up_is_on_time (follow_up) ? "success" : "warning"));
      button = gtk_button_new_from_icon_name ("document-edit-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Edit Follow-Up"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit Follow-Up"),
                                      -1);
    }
  else
    {
      button = gtk_button_new_with_mnemonic (_("_Done…"));
      gtk_widget_set_tooltip_text (button, _("Tick off this follow-up, with a note"));
    }
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "client.follow-up-done");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_int64 (confianza_follow_up_get_id (follow_up)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}
