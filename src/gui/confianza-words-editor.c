/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-words-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-words-editor.h"

static ConfianzaUriLaunch launcher = g_app_info_launch_default_for_uri_async;
static ConfianzaUriLaunchFinish launcher_finish = g_app_info_launch_default_for_uri_finish;

typedef struct
{
  ConfianzaWordsKind  kind;
  char               *email;
  GtkTextView        *view;
  GtkLabel           *error_label;
  ConfianzaWordsSent  sent;
  gpointer            data;
  GDestroyNotify      destroy;
} Editor;

static void
editor_free (gpointer data)
{
  Editor *editor = data;

  if (editor->destroy != NULL)
    editor->destroy (editor->data);
  g_free (editor->email);
  g_free (editor);
}

static Editor *
editor_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "confianza-words-editor");
}

static char *
editor_text (Editor *editor)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (editor->view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
confianza_words_editor_show_error (GtkWidget  *widget,
                                   const char *message)
{
  Editor *editor = editor_of (widget);

  g_return_if_fail (editor != NULL);

  gtk_label_set_label (editor->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (editor->error_label), message != NULL);
}

static void
on_copy_clicked (GtkButton *button,
                 GtkWidget *widget)
{
  Editor *editor = editor_of (widget);
  g_autofree char *text = editor_text (editor);

  confianza_words_editor_show_error (widget, NULL);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  if (editor->sent != NULL)
    editor->sent (widget, CONFIANZA_MESSAGE_COPIED, text, editor->data);
}

typedef struct
{
  GtkWidget *widget;
  char      *text;
} Launch;

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Launch *launch = data;
  g_autoptr(GError) error = NULL;
  Editor *editor = editor_of (launch->widget);

  if (!launcher_finish (result, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the system's reason, as it gives it */
      message = g_strdup_printf (_("The mail client could not be opened: %s. Copy the words instead, and paste them into your mail."),
                                 error->message);
      confianza_words_editor_show_error (launch->widget, message);
    }
  else if (editor->sent != NULL)
    {
      editor->sent (launch->widget, CONFIANZA_MESSAGE_MAILED, launch->text, editor->data);
    }

  g_object_unref (launch->widget);
  g_free (launch->text);
  g_free (launch);
}

static void
on_mail_clicked (GtkButton *button,
                 GtkWidget *widget)
{
  Editor *editor = editor_of (widget);
  g_autofree char *text = editor_text (editor);
  g_autofree char *uri = confianza_mailto_uri (editor->email, confianza_recovery_message_subject (editor->kind), text);
  g_autoptr(GdkAppLaunchContext) context = NULL;
  Launch *launch;

  confianza_words_editor_show_error (widget, NULL);
  if (uri == NULL)
    {
      confianza_words_editor_show_error (widget, _("The client’s email address is not one address a mail client can open. Correct it on their page, or copy the words instead."));
      return;
    }

  launch = g_new0 (Launch, 1);
  launch->widget = g_object_ref (widget);
  launch->text = g_steal_pointer (&text);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  launcher (uri, G_APP_LAUNCH_CONTEXT (context), NULL, on_launched, launch);
}

GtkWidget *
confianza_words_editor_new (ConfianzaWordsKind  kind,
                            const char         *title,
                            const char         *text,
                            const char         *client_name,
                            const char         *email,
                            ConfianzaWordsSent  sent,
                            gpointer            data,
                            GDestroyNotify      destroy)
{
  Editor *editor = g_new0 (Editor, 1);
  GtkWidget *box, *frame, *view, *buttons, *mail, *copy, *reason, *error;
  gboolean has_email = confianza_mailto_uri (email, NULL, NULL) != NULL;

  editor->kind = kind;
  editor->email = g_strdup (email);
  editor->sent = sent;
  editor->data = data;
  editor->destroy = destroy;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_object_set_data_full (G_OBJECT (box), "confianza-words-editor", editor, editor_free);

  view = gtk_text_view_new ();
  editor->view = GTK_TEXT_VIEW (view);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 200);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text != NULL ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), frame);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  mail = gtk_button_new_with_mnemonic (_("_Open in Mail"));
  gtk_widget_set_name (mail, "mail_button");
  gtk_widget_set_sensitive (mail, has_email);
  copy = gtk_button_new_with_mnemonic (_("_Copy to Clipboard"));
  gtk_widget_set_name (copy, "copy_button");
  gtk_widget_add_css_class (copy, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), mail);
  gtk_box_append (GTK_BOX (buttons), copy);
  gtk_box_append (GTK_BOX (box), buttons);
  g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_clicked), box);
  g_signal_connect (mail, "clicked", G_CALLBACK (on_mail_clicked), box);

  reason = gtk_label_new (NULL);
  gtk_widget_set_name (reason, "mail_reason");
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_widget_add_css_class (reason, "dim-label");
  gtk_widget_set_visible (reason, !has_email);
  if (!has_email)
    {
      g_autofree char *why = NULL;

      if (client_name != NULL && client_name[0] != '\0')
        /* Translators: %s is the client's name */
        why = g_strdup_printf (_("%s has no email address recorded, so the words cannot be opened in the mail client: copy them, or add the address on the client’s page."),
                               client_name);
      else
        why = g_strdup (_("The client has no email address recorded, so the words cannot be opened in the mail client: copy them, or add the address on the client’s page."));
      gtk_label_set_label (GTK_LABEL (reason), why);
      gtk_accessible_update_property (GTK_ACCESSIBLE (mail), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
    }
  gtk_box_append (GTK_BOX (box), reason);

  error = gtk_label_new (NULL);
  gtk_widget_set_name (error, "mail_error");
  editor->error_label = GTK_LABEL (error);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  gtk_box_append (GTK_BOX (box), error);

  return box;
}

void
confianza_words_editor_set_launcher (ConfianzaUriLaunch       launch,
                                     ConfianzaUriLaunchFinish finish)
{
  launcher = launch != NULL ? launch : g_app_info_launch_default_for_uri_async;
  launcher_finish = finish != NULL ? finish : g_app_info_launch_default_for_uri_finish;
}
