/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CONFIANZA_TYPE_FOLLOW_UP (confianza_follow_up_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaFollowUp, confianza_follow_up, CONFIANZA, FOLLOW_UP, GObject)

/* Properties: "id", "plan-id", "client-id" (gint64), "due-on" (GDateTime),
 * "done-on" (GDateTime, nullable: when it was ticked off), "note" (string). */

ConfianzaFollowUp *confianza_follow_up_new           (gint64              plan_id,
                                                      gint64              client_id,
                                                      GDateTime          *due_on);
ConfianzaFollowUp *confianza_follow_up_copy          (ConfianzaFollowUp  *self);

gint64             confianza_follow_up_get_id        (ConfianzaFollowUp  *self);
void               confianza_follow_up_set_id        (ConfianzaFollowUp  *self,
                                                      gint64              id);
gint64             confianza_follow_up_get_plan_id   (ConfianzaFollowUp  *self);
void               confianza_follow_up_set_plan_id   (ConfianzaFollowUp  *self,
                                                      gint64              plan_id);
gint64             confianza_follow_up_get_client_id (ConfianzaFollowUp  *self);
void               confianza_follow_up_set_client_id (ConfianzaFollowUp  *self,
                                                      gint64              client_id);
GDateTime         *confianza_follow_up_get_due_on    (ConfianzaFollowUp  *self);
void               confianza_follow_up_set_due_on    (ConfianzaFollowUp  *self,
                                                      GDateTime          *date);
GDateTime         *confianza_follow_up_get_done_on   (ConfianzaFollowUp  *self);
void               confianza_follow_up_set_done_on   (ConfianzaFollowUp  *self,
                                                      GDateTime          *date);
const char        *confianza_follow_up_get_note      (ConfianzaFollowUp  *self);
void               confianza_follow_up_set_note      (ConfianzaFollowUp  *self,
                                                      const char         *note);

/* Done on or before its due date. */
gboolean           confianza_follow_up_is_on_time    (ConfianzaFollowUp  *self);

gboolean           confianza_follow_up_validate      (ConfianzaFollowUp  *self,
                                                      const char       **property,
                                                      GError            **error);

G_END_DECLS
