/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-enums.h"

/* The nicks are the stable identifiers written to the database and to
 * files: never change one, only add. */

G_DEFINE_ENUM_TYPE (ConfianzaClientStatus, confianza_client_status,
  G_DEFINE_ENUM_VALUE (CONFIANZA_CLIENT_STATUS_ACTIVE, "active"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_CLIENT_STATUS_AT_RISK, "at-risk"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_CLIENT_STATUS_RECOVERING, "recovering"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_CLIENT_STATUS_RECOVERED, "recovered"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_CLIENT_STATUS_LOST, "lost"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_CLIENT_STATUS_LET_GO, "let-go"))

G_DEFINE_ENUM_TYPE (ConfianzaOutcome, confianza_outcome,
  G_DEFINE_ENUM_VALUE (CONFIANZA_OUTCOME_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_OUTCOME_OVERDUE, "overdue"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_OUTCOME_OVERDELIVERED, "overdelivered"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_OUTCOME_KEPT, "kept"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_OUTCOME_LATE, "late"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_OUTCOME_BROKEN, "broken"))

G_DEFINE_ENUM_TYPE (ConfianzaChannel, confianza_channel,
  G_DEFINE_ENUM_VALUE (CONFIANZA_CHANNEL_IN_PERSON, "in-person"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_CHANNEL_CALL, "call"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_CHANNEL_VIDEO, "video"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_CHANNEL_EMAIL, "email"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_CHANNEL_MESSAGE, "message"))

G_DEFINE_ENUM_TYPE (ConfianzaSeverity, confianza_severity,
  G_DEFINE_ENUM_VALUE (CONFIANZA_SEVERITY_MINOR, "minor"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_SEVERITY_SERIOUS, "serious"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_SEVERITY_CRITICAL, "critical"))

G_DEFINE_ENUM_TYPE (ConfianzaResponsibility, confianza_responsibility,
  G_DEFINE_ENUM_VALUE (CONFIANZA_RESPONSIBILITY_OURS, "ours"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_RESPONSIBILITY_SHARED, "shared"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_RESPONSIBILITY_EXTERNAL, "external"))

G_DEFINE_ENUM_TYPE (ConfianzaCompensationKind, confianza_compensation_kind,
  G_DEFINE_ENUM_VALUE (CONFIANZA_COMPENSATION_REFUND, "refund"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_COMPENSATION_CREDIT, "credit"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_COMPENSATION_PRODUCT_CHANGE, "product-change"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_COMPENSATION_OTHER, "other"))

G_DEFINE_ENUM_TYPE (ConfianzaPlanOutcome, confianza_plan_outcome,
  G_DEFINE_ENUM_VALUE (CONFIANZA_PLAN_IN_PROGRESS, "in-progress"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_PLAN_RECOVERED, "recovered"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_PLAN_LET_GO, "let-go"))

G_DEFINE_ENUM_TYPE (ConfianzaCompensationWaiver, confianza_compensation_waiver,
  G_DEFINE_ENUM_VALUE (CONFIANZA_WAIVER_NONE, "none"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_WAIVER_CLIENT_DECLINED, "client-declined"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_WAIVER_NO_COST, "no-cost"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_WAIVER_OUTSIDE_CONTROL, "outside-control"))

G_DEFINE_ENUM_TYPE (ConfianzaTrustJudgement, confianza_trust_judgement,
  G_DEFINE_ENUM_VALUE (CONFIANZA_JUDGEMENT_UNDECIDED, "undecided"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_JUDGEMENT_YES, "yes"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_JUDGEMENT_DOUBTFUL, "doubtful"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_JUDGEMENT_NO, "no"))

/* Labels
 *
 * Each family has its own context: the same English word can need a
 * different Spanish one (a client is "Recuperado", a promise "Cumplida"). */

const char *
confianza_client_status_to_label (ConfianzaClientStatus status)
{
  switch (status)
    {
    case CONFIANZA_CLIENT_STATUS_ACTIVE:
      return C_("client status", "Active");
    case CONFIANZA_CLIENT_STATUS_AT_RISK:
      return C_("client status", "At risk");
    case CONFIANZA_CLIENT_STATUS_RECOVERING:
      return C_("client status", "Recovering");
    case CONFIANZA_CLIENT_STATUS_RECOVERED:
      return C_("client status", "Recovered");
    case CONFIANZA_CLIENT_STATUS_LOST:
      return C_("client status", "Lost");
    case CONFIANZA_CLIENT_STATUS_LET_GO:
      return C_("client status", "Let go");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
confianza_outcome_to_label (ConfianzaOutcome outcome)
{
  switch (outcome)
    {
    case CONFIANZA_OUTCOME_OPEN:
      return C_("promise outcome", "Open");
    case CONFIANZA_OUTCOME_OVERDUE:
      return C_("promise outcome", "Overdue");
    case CONFIANZA_OUTCOME_OVERDELIVERED:
      return C_("promise outcome", "Overdelivered");
    case CONFIANZA_OUTCOME_KEPT:
      return C_("promise outcome", "Kept");
    case CONFIANZA_OUTCOME_LATE:
      return C_("promise outcome", "Late");
    case CONFIANZA_OUTCOME_BROKEN:
      return C_("promise outcome", "Broken");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
confianza_channel_to_label (ConfianzaChannel channel)
{
  switch (channel)
    {
    case CONFIANZA_CHANNEL_IN_PERSON:
      return C_("conversation channel", "In person");
    case CONFIANZA_CHANNEL_CALL:
      return C_("conversation channel", "Phone call");
    case CONFIANZA_CHANNEL_VIDEO:
      return C_("conversation channel", "Video call");
    case CONFIANZA_CHANNEL_EMAIL:
      return C_("conversation channel", "Email");
    case CONFIANZA_CHANNEL_MESSAGE:
      return C_("conversation channel", "Message");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
confianza_severity_to_label (ConfianzaSeverity severity)
{
  switch (severity)
    {
    case CONFIANZA_SEVERITY_MINOR:
      return C_("incident severity", "Minor");
    case CONFIANZA_SEVERITY_SERIOUS:
      return C_("incident severity", "Serious");
    case CONFIANZA_SEVERITY_CRITICAL:
      return C_("incident severity", "Critical");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
confianza_responsibility_to_label (ConfianzaResponsibility responsibility)
{
  switch (responsibility)
    {
    case CONFIANZA_RESPONSIBILITY_OURS:
      return C_("incident responsibility", "Ours");
    case CONFIANZA_RESPONSIBILITY_SHARED:
      return C_("incident responsibility", "Shared");
    case CONFIANZA_RESPONSIBILITY_EXTERNAL:
      return C_("incident responsibility", "External");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
confianza_compensation_kind_to_label (ConfianzaCompensationKind kind)
{
  switch (kind)
    {
    case CONFIANZA_COMPENSATION_REFUND:
      return C_("compensation kind", "Refund");
    case CONFIANZA_COMPENSATION_CREDIT:
      return C_("compensation kind", "Credit for future services");
    case CONFIANZA_COMPENSATION_PRODUCT_CHANGE:
      return C_("compensation kind", "Product change");
    case CONFIANZA_COMPENSATION_OTHER:
      return C_("compensation kind", "Other");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
confianza_plan_outcome_to_label (ConfianzaPlanOutcome outcome)
{
  switch (outcome)
    {
    case CONFIANZA_PLAN_IN_PROGRESS:
      return C_("recovery plan outcome", "In progress");
    case CONFIANZA_PLAN_RECOVERED:
      return C_("recovery plan outcome", "Recovered");
    case CONFIANZA_PLAN_LET_GO:
      return C_("recovery plan outcome", "Client let go");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
confianza_compensation_waiver_to_label (ConfianzaCompensationWaiver waiver)
{
  switch (waiver)
    {
    case CONFIANZA_WAIVER_NONE:
      return C_("no compensation because", "Choose a reason");
    case CONFIANZA_WAIVER_CLIENT_DECLINED:
      return C_("no compensation because", "The client declined it");
    case CONFIANZA_WAIVER_NO_COST:
      return C_("no compensation because", "The failure cost the client nothing");
    case CONFIANZA_WAIVER_OUTSIDE_CONTROL:
      return C_("no compensation because", "It was outside our control");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
confianza_trust_judgement_to_label (ConfianzaTrustJudgement judgement)
{
  switch (judgement)
    {
    case CONFIANZA_JUDGEMENT_UNDECIDED:
      return C_("can trust come back", "Not judged yet");
    case CONFIANZA_JUDGEMENT_YES:
      return C_("can trust come back", "Yes");
    case CONFIANZA_JUDGEMENT_DOUBTFUL:
      return C_("can trust come back", "With doubts");
    case CONFIANZA_JUDGEMENT_NO:
      return C_("can trust come back", "No");
    default:
      g_return_val_if_reached ("");
    }
}

/* Identifiers */

/* Returns: (nullable): the value's nick, or NULL if @value is not one of
 * @enum_type's values. */
const char *
confianza_enum_to_id (GType enum_type,
                      int   value)
{
  GEnumClass *klass;
  GEnumValue *enum_value;
  const char *id;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value (klass, value);
  /* Nicks are static strings: they outlive the class reference. */
  id = enum_value != NULL ? enum_value->value_nick : NULL;
  g_type_class_unref (klass);

  return id;
}

gboolean
confianza_enum_from_id (GType       enum_type,
                        const char *id,
                        int        *value)
{
  GEnumClass *klass;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);

  if (id == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (klass, id);
  if (enum_value != NULL && value != NULL)
    *value = enum_value->value;
  g_type_class_unref (klass);

  return enum_value != NULL;
}
