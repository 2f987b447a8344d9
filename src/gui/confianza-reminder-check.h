/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "store/confianza-store-reminders.h"

G_BEGIN_DECLS

/*
 * The reminders of one database, sent as notifications of @app (issue 19):
 * one per thing due (or, when @private, one per kind of thing, without
 * names; and so for a kind with more than CONFIANZA_REMINDERS_PER_KIND
 * things), none that was sent already that day or put off. GIO only, no
 * GTK: `confianza --remind` runs it in a plain GApplication, with no
 * display. The window's instance and the hidden one run it too.
 */

/* More things of one kind than this are said in one counted notification */
#define CONFIANZA_REMINDERS_PER_KIND 5

/* The notification of the reminder @key of the database at @path */
char     *confianza_reminder_notification_id (const char    *path,
                                              const char    *key);

/* Sends what is due on @today in @store (the database at @path).
 * @sent (when not NULL) gets the titles of the notifications sent, in
 * order; @n_due how many things are due, sent now or before. */
gboolean  confianza_reminders_send           (GApplication   *app,
                                              ConfianzaStore *store,
                                              const char     *path,
                                              GDateTime      *today,
                                              gboolean        private,
                                              int             default_cadence,
                                              GPtrArray      *sent,
                                              guint          *n_due,
                                              GError        **error);

/* Withdraws the notifications of @path sent in this process for things
 * no longer due (delivered, done, called). */
void      confianza_reminders_withdraw_done  (GApplication   *app,
                                              ConfianzaStore *store,
                                              const char     *path,
                                              GDateTime      *today,
                                              int             default_cadence);

/* "Recordármelo mañana": nothing of @key until tomorrow, kept in the
 * database at @path (@store, or opened for it), and its notification
 * withdrawn */
gboolean  confianza_reminder_snooze          (GApplication   *app,
                                              ConfianzaStore *store,
                                              const char     *path,
                                              const char     *key,
                                              GError        **error);

/* `confianza --remind`: checks once, prints a summary, returns the exit
 * status. Called from main () before anything of GTK. */
int       confianza_remind_main              (int             argc,
                                              char          **argv);

/* Whether @argv asks for --remind */
gboolean  confianza_remind_requested         (int             argc,
                                              char          **argv);

G_END_DECLS
