/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-enums.h"
#include "confianza-rules.h"
#include "confianza-text.h"
#include "confianza-client.h"
#include "confianza-promise.h"
#include "confianza-reminders.h"
#include "confianza-quick-win.h"
#include "confianza-conversation.h"
#include "confianza-incident.h"
#include "confianza-recovery-plan.h"
#include "confianza-follow-up.h"
#include "confianza-compensation.h"
#include "confianza-recommendation.h"
#include "confianza-ledger.h"
