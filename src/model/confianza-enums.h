/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CONFIANZA_CLIENT_STATUS_ACTIVE,
  CONFIANZA_CLIENT_STATUS_AT_RISK,
  CONFIANZA_CLIENT_STATUS_RECOVERING,
  CONFIANZA_CLIENT_STATUS_RECOVERED,
  CONFIANZA_CLIENT_STATUS_LOST,
  CONFIANZA_CLIENT_STATUS_LET_GO,
} ConfianzaClientStatus;

typedef enum
{
  CONFIANZA_OUTCOME_OPEN,
  CONFIANZA_OUTCOME_OVERDUE,
  CONFIANZA_OUTCOME_OVERDELIVERED,
  CONFIANZA_OUTCOME_KEPT,
  CONFIANZA_OUTCOME_LATE,
  CONFIANZA_OUTCOME_BROKEN,
} ConfianzaOutcome;

typedef enum
{
  CONFIANZA_CHANNEL_IN_PERSON,
  CONFIANZA_CHANNEL_CALL,
  CONFIANZA_CHANNEL_VIDEO,
  CONFIANZA_CHANNEL_EMAIL,
  CONFIANZA_CHANNEL_MESSAGE,
} ConfianzaChannel;

typedef enum
{
  CONFIANZA_SEVERITY_MINOR,
  CONFIANZA_SEVERITY_SERIOUS,
  CONFIANZA_SEVERITY_CRITICAL,
} ConfianzaSeverity;

typedef enum
{
  CONFIANZA_RESPONSIBILITY_OURS,
  CONFIANZA_RESPONSIBILITY_SHARED,
  CONFIANZA_RESPONSIBILITY_EXTERNAL,
} ConfianzaResponsibility;

typedef enum
{
  CONFIANZA_COMPENSATION_REFUND,
  CONFIANZA_COMPENSATION_CREDIT,
  CONFIANZA_COMPENSATION_PRODUCT_CHANGE,
  CONFIANZA_COMPENSATION_OTHER,
} ConfianzaCompensationKind;

typedef enum
{
  CONFIANZA_PLAN_IN_PROGRESS,
  CONFIANZA_PLAN_RECOVERED,
  CONFIANZA_PLAN_LET_GO,
} ConfianzaPlanOutcome;

/* Why a plan gives no compensation (source 001: an apology alone is not
 * enough, so "none" needs a reason). */
typedef enum
{
  CONFIANZA_WAIVER_NONE,
  CONFIANZA_WAIVER_CLIENT_DECLINED,
  CONFIANZA_WAIVER_NO_COST,
  CONFIANZA_WAIVER_OUTSIDE_CONTROL,
} ConfianzaCompensationWaiver;

/* Step 1's frank judgement (source 001: will the client always look at us
 * "con lupa"?). */
typedef enum
{
  CONFIANZA_JUDGEMENT_UNDECIDED,
  CONFIANZA_JUDGEMENT_YES,
  CONFIANZA_JUDGEMENT_DOUBTFUL,
  CONFIANZA_JUDGEMENT_NO,
} ConfianzaTrustJudgement;

#define CONFIANZA_TYPE_CLIENT_STATUS     (confianza_client_status_get_type ())
#define CONFIANZA_TYPE_OUTCOME           (confianza_outcome_get_type ())
#define CONFIANZA_TYPE_CHANNEL           (confianza_channel_get_type ())
#define CONFIANZA_TYPE_SEVERITY          (confianza_severity_get_type ())
#define CONFIANZA_TYPE_RESPONSIBILITY    (confianza_responsibility_get_type ())
#define CONFIANZA_TYPE_COMPENSATION_KIND (confianza_compensation_kind_get_type ())
#define CONFIANZA_TYPE_PLAN_OUTCOME      (confianza_plan_outcome_get_type ())
#define CONFIANZA_TYPE_COMPENSATION_WAIVER (confianza_compensation_waiver_get_type ())
#define CONFIANZA_TYPE_TRUST_JUDGEMENT   (confianza_trust_judgement_get_type ())

GType confianza_client_status_get_type     (void);
GType confianza_outcome_get_type           (void);
GType confianza_channel_get_type           (void);
GType confianza_severity_get_type          (void);
GType confianza_responsibility_get_type    (void);
GType confianza_compensation_kind_get_type (void);
GType confianza_plan_outcome_get_type      (void);
GType confianza_compensation_waiver_get_type (void);
GType confianza_trust_judgement_get_type   (void);

/* Translated, human labels ("Kept", "Cumplida"): for the interface and reports. */
const char *confianza_client_status_to_label     (ConfianzaClientStatus     status);
const char *confianza_outcome_to_label           (ConfianzaOutcome          outcome);
const char *confianza_channel_to_label           (ConfianzaChannel          channel);
const char *confianza_severity_to_label          (ConfianzaSeverity         severity);
const char *confianza_responsibility_to_label    (ConfianzaResponsibility   responsibility);
const char *confianza_compensation_kind_to_label (ConfianzaCompensationKind kind);
const char *confianza_plan_outcome_to_label      (ConfianzaPlanOutcome      outcome);
const char *confianza_compensation_waiver_to_label (ConfianzaCompensationWaiver waiver);
const char *confianza_trust_judgement_to_label   (ConfianzaTrustJudgement   judgement);

/* Stable, untranslated identifiers ("kept"): for the database and files. */
const char *confianza_enum_to_id   (GType       enum_type,
                                    int         value);
gboolean    confianza_enum_from_id (GType       enum_type,
                                    const char *id,
                                    int        *value);

G_END_DECLS
