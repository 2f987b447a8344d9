/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-store"

/* The tables: one description per record kind (its columns, with the
 * model's getter and setter for each) and what is built from it: the
 * SELECT, INSERT and UPDATE texts, binding and reading rows, the live
 * lists' sort orders, and the reads by owner. */

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-record.h"

#include "confianza-store-internal.h"

/* COLUMN (client, TEXT, name) describes the column "name", read and
 * written through confianza_client_get_name () and _set_name () */
#define COLUMN_ACCESSORS(prefix, field, column, Get, Set) \
  { .field = (Get) confianza_##prefix##_get_##column }, \
  { .field = (Set) confianza_##prefix##_set_##column }
#define TEXT(p, c)   { #c, COLUMN_TEXT,   NULL, COLUMN_ACCESSORS (p, text, c, GetText, SetText) }
#define INT(p, c)    { #c, COLUMN_INT,    NULL, COLUMN_ACCESSORS (p, integer, c, GetInt, SetInt) }
#define BOOL(p, c)   { #c, COLUMN_BOOL,   NULL, COLUMN_ACCESSORS (p, integer, c, GetInt, SetInt) }
#define INT64(p, c)  { #c, COLUMN_INT64,  NULL, COLUMN_ACCESSORS (p, int64, c, GetInt64, SetInt64) }
#define REF(p, c)    { #c, COLUMN_REF,    NULL, COLUMN_ACCESSORS (p, int64, c, GetInt64, SetInt64) }
#define DOUBLE(p, c) { #c, COLUMN_DOUBLE, NULL, COLUMN_ACCESSORS (p, real, c, GetDouble, SetDouble) }
#define DATE(p, c)   { #c, COLUMN_DATE,   NULL, COLUMN_ACCESSORS (p, date, c, GetDate, SetDate) }
#define ENUM(p, c, type) \
                     { #c, COLUMN_ENUM,   type, COLUMN_ACCESSORS (p, integer, c, GetInt, SetInt) }

static const ColumnInfo client_columns[] = {
  TEXT (client, name), TEXT (client, company), TEXT (client, email),
  TEXT (client, phone), TEXT (client, notes),
  ENUM (client, status, confianza_client_status_get_type),
  DATE (client, since), DATE (client, last_contact), INT (client, follow_up_days),
  TEXT (client, let_go_reason), BOOL (client, status_manual),
  { NULL }
};
static const ColumnInfo promise_columns[] = {
  INT64 (promise, client_id), REF (promise, plan_id), TEXT (promise, title),
  TEXT (promise, kind), DATE (promise, promised_on), DATE (promise, due_on),
  BOOL (promise, has_quantity), DOUBLE (promise, promised_quantity),
  TEXT (promise, unit), DATE (promise, delivered_on),
  DOUBLE (promise, delivered_quantity), TEXT (promise, extras),
  TEXT (promise, delivery_note), BOOL (promise, broken),
  TEXT (promise, broken_reason), DATE (promise, original_due_on),
  { NULL }
};
static const ColumnInfo quick_win_columns[] = {
  INT64 (quick_win, client_id), DATE (quick_win, achieved_on),
  TEXT (quick_win, title), DATE (quick_win, shared_on),
  { NULL }
};
static const ColumnInfo conversation_columns[] = {
  INT64 (conversation, client_id), DATE (conversation, happened_on),
  ENUM (conversation, channel, confianza_channel_get_type),
  TEXT (conversation, client_said), TEXT (conversation, agreed),
  { NULL }
};
static const ColumnInfo incident_columns[] = {
  INT64 (incident, client_id), DATE (incident, happened_on),
  TEXT (incident, description),
  ENUM (incident, severity, confianza_severity_get_type),
  ENUM (incident, responsibility, confianza_responsibility_get_type),
  TEXT (incident, cause),
  { NULL }
};
static const ColumnInfo plan_columns[] = {
  INT64 (recovery_plan, client_id), INT64 (recovery_plan, incident_id),
  DATE (recovery_plan, started_on), INT (recovery_plan, step),
  TEXT (recovery_plan, client_said), DATE (recovery_plan, invited_to_speak_on),
  DATE (recovery_plan, acknowledged_on),
  ENUM (recovery_plan, trust_judgement, confianza_trust_judgement_get_type), DATE (recovery_plan, apologised_on),
  ENUM (recovery_plan, apology_channel, confianza_channel_get_type),
  TEXT (recovery_plan, apologised_by), TEXT (recovery_plan, apology_words),
  BOOL (recovery_plan, compensation_declined),
  ENUM (recovery_plan, compensation_waiver, confianza_compensation_waiver_get_type),
  TEXT (recovery_plan, guarantee_terms), DATE (recovery_plan, guarantee_until),
  REF (recovery_plan, guarantee_promise_id),
  INT (recovery_plan, follow_up_every_days), DATE (recovery_plan, follow_up_until),
  INT (recovery_plan, follow_up_times), TEXT (recovery_plan, root_cause),
  TEXT (recovery_plan, corrective_measure), TEXT (recovery_plan, corrective_owner),
  DATE (recovery_plan, corrective_due), DATE (recovery_plan, corrective_applied_on),
  ENUM (recovery_plan, outcome, confianza_plan_outcome_get_type),
  TEXT (recovery_plan, outcome_reason), DATE (recovery_plan, closed_on),
  { NULL }
};
static const ColumnInfo follow_up_columns[] = {
  INT64 (follow_up, plan_id), INT64 (follow_up, client_id),
  DATE (follow_up, due_on), DATE (follow_up, done_on), TEXT (follow_up, note),
  { NULL }
};
static const ColumnInfo compensation_columns[] = {
  INT64 (compensation, plan_id), INT64 (compensation, client_id),
  ENUM (compensation, kind, confianza_compensation_kind_get_type),
  INT64 (compensation, amount_cents), TEXT (compensation, currency),
  TEXT (compensation, description), DATE (compensation, given_on),
  { NULL }
};
static const ColumnInfo recommendation_columns[] = {
  INT64 (recommendation, client_id), DATE (recommendation, answered_on),
  INT (recommendation, score), TEXT (recommendation, comment),
  { NULL }
};
static const ColumnInfo promise_step_columns[] = {
  INT64 (promise_step, promise_id), INT64 (promise_step, client_id),
  ENUM (promise_step, kind, confianza_ledger_kind_get_type),
  DATE (promise_step, recorded_on), DATE (promise_step, old_due_on),
  DATE (promise_step, new_due_on), DATE (promise_step, told_on),
  BOOL (promise_step, agreed), TEXT (promise_step, reason),
  { NULL }
};

static const ColumnInfo recovery_message_columns[] = {
  INT64 (recovery_message, plan_id), INT64 (recovery_message, client_id),
  ENUM (recovery_message, kind, confianza_words_kind_get_type),
  ENUM (recovery_message, way, confianza_message_way_get_type),
  TEXT (recovery_message, text), DATE (recovery_message, sent_on),
  { NULL }
};

#undef TEXT
#undef INT
#undef BOOL
#undef INT64
#undef REF
#undef DOUBLE
#undef DATE
#undef ENUM
#undef COLUMN_ACCESSORS

/* Each kind: its table, type and columns, what its per-owner live lists
 * filter on and sort by, what to say when one is gone, and the model's
 * accessors the store needs. Parents before their children. */
#define RECORD(p) \
  .get_type = confianza_##p##_get_type, \
  .get_id = (GetInt64) confianza_##p##_get_id, \
  .set_id = (SetInt64) confianza_##p##_set_id, \
  .validate = (Validate) confianza_##p##_validate

const KindInfo store_kinds[N_KINDS] = {
  [KIND_CLIENT] = {
    .table = "client", RECORD (client), .columns = client_columns,
    .not_found = N_("This client is no longer in your records. It may have been erased."),
    .get_client_id = (GetInt64) confianza_client_get_id,
    .get_owner_id = (GetInt64) confianza_client_get_id,
  },
  [KIND_PROMISE] = {
    .table = "promise", RECORD (promise), .columns = promise_columns,
    .owner_column = "client_id",
    .order_date = (GetDate) confianza_promise_get_due_on, .newest_first = FALSE,
    .not_found = N_("This promise is no longer in your records. It may have been deleted."),
    .get_client_id = (GetInt64) confianza_promise_get_client_id,
    .get_owner_id = (GetInt64) confianza_promise_get_client_id,
    .get_contact_date = (GetDate) confianza_promise_get_delivered_on,
  },
  [KIND_QUICK_WIN] = {
    .table = "quick_win", RECORD (quick_win), .columns = quick_win_columns,
    .owner_column = "client_id",
    .order_date = (GetDate) confianza_quick_win_get_achieved_on, .newest_first = TRUE,
    .not_found = N_("This quick win is no longer in your records. It may have been deleted."),
    .get_client_id = (GetInt64) confianza_quick_win_get_client_id,
    .get_owner_id = (GetInt64) confianza_quick_win_get_client_id,
    .get_contact_date = (GetDate) confianza_quick_win_get_shared_on,
  },
  [KIND_CONVERSATION] = {
    .table = "conversation", RECORD (conversation), .columns = conversation_columns,
    .owner_column = "client_id",
    .order_date = (GetDate) confianza_conversation_get_happened_on, .newest_first = TRUE,
    .not_found = N_("This conversation is no longer in your records. It may have been deleted."),
    .get_client_id = (GetInt64) confianza_conversation_get_client_id,
    .get_owner_id = (GetInt64) confianza_conversation_get_client_id,
    .get_contact_date = (GetDate) confianza_conversation_get_happened_on,
  },
  [KIND_INCIDENT] = {
    .table = "incident", RECORD (incident), .columns = incident_columns,
    .owner_column = "client_id",
    .order_date = (GetDate) confianza_incident_get_happened_on, .newest_first = TRUE,
    .not_found = N_("This incident is no longer in your records. It may have been deleted."),
    .get_client_id = (GetInt64) confianza_incident_get_client_id,
    .get_owner_id = (GetInt64) confianza_incident_get_client_id,
  },
  [KIND_PLAN] = {
    .table = "recovery_plan", RECORD (recovery_plan), .columns = plan_columns,
    .owner_column = "client_id",
    .order_date = (GetDate) confianza_recovery_plan_get_started_on, .newest_first = TRUE,
    .not_found = N_("This recovery plan is no longer in your records. It may have been deleted."),
    .get_client_id = (GetInt64) confianza_recovery_plan_get_client_id,
    .get_owner_id = (GetInt64) confianza_recovery_plan_get_client_id,
  },
  [KIND_FOLLOW_UP] = {
    .table = "follow_up", RECORD (follow_up), .columns = follow_up_columns,
    .owner_column = "plan_id",
    .order_date = (GetDate) confianza_follow_up_get_due_on, .newest_first = FALSE,
    .not_found = N_("This follow-up is no longer in your records. It may have been deleted."),
    .get_client_id = (GetInt64) confianza_follow_up_get_client_id,
    .get_owner_id = (GetInt64) confianza_follow_up_get_plan_id,
  },
  [KIND_COMPENSATION] = {
    .table = "compensation", RECORD (compensation), .columns = compensation_columns,
    .owner_column = "plan_id",
    .order_date = (GetDate) confianza_compensation_get_given_on, .newest_first = FALSE,
    .not_found = N_("This compensation is no longer in your records. It may have been deleted."),
    .get_client_id = (GetInt64) confianza_compensation_get_client_id,
    .get_owner_id = (GetInt64) confianza_compensation_get_plan_id,
  },
  [KIND_RECOMMENDATION] = {
    .table = "recommendation", RECORD (recommendation), .columns = recommendation_columns,
    .owner_column = "client_id",
    .order_date = (GetDate) confianza_recommendation_get_answered_on, .newest_first = TRUE,
    .not_found = N_("This answer is no longer in your records. It may have been deleted."),
    .get_client_id = (GetInt64) confianza_recommendation_get_client_id,
    .get_owner_id = (GetInt64) confianza_recommendation_get_client_id,
    /* The client answered: that was a contact */
    .get_contact_date = (GetDate) confianza_recommendation_get_answered_on,
  },
  [KIND_PROMISE_STEP] = {
    .table = "promise_step", RECORD (promise_step), .columns = promise_step_columns,
    .owner_column = "promise_id",
    /* In the order they were made: the ledger's rules read them so */
    .order_date = (GetDate) confianza_promise_step_get_recorded_on, .newest_first = FALSE,
    .not_found = N_("This change of a promise is no longer in your records. It may have been deleted."),
    .get_client_id = (GetInt64) confianza_promise_step_get_client_id,
    .get_owner_id = (GetInt64) confianza_promise_step_get_promise_id,
  },
  [KIND_RECOVERY_MESSAGE] = {
    .table = "recovery_message", RECORD (recovery_message), .columns = recovery_message_columns,
    .owner_column = "plan_id",
    /* In the order they went out */
    .order_date = (GetDate) confianza_recovery_message_get_sent_on, .newest_first = FALSE,
    .not_found = N_("This message is no longer in your records. It may have been deleted."),
    .get_client_id = (GetInt64) confianza_recovery_message_get_client_id,
    .get_owner_id = (GetInt64) confianza_recovery_message_get_plan_id,
  },
};

#undef RECORD

void
store_set_not_found_error (GError     **error,
                           RecordKind   kind)
{
  g_set_error_literal (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND,
                       _(store_kinds[kind].not_found));
}

/* "SELECT id, <every column of the kind>", the columns store_record_from_row ()
 * reads; @qualified names them "table.column", for queries that join */
GString *
store_select_columns (const KindInfo *info,
                      gboolean        qualified)
{
  GString *sql = g_string_new (NULL);

  if (qualified)
    {
      g_string_append_printf (sql, "SELECT %s.id", info->table);
      for (guint i = 0; info->columns[i].name != NULL; i++)
        g_string_append_printf (sql, ", %s.%s", info->table, info->columns[i].name);
    }
  else
    {
      g_string_append (sql, "SELECT id");
      for (guint i = 0; info->columns[i].name != NULL; i++)
        g_string_append_printf (sql, ", %s", info->columns[i].name);
    }

  return sql;
}

char *
store_build_select (const KindInfo *info,
                    const char     *where_column)
{
  GString *sql = store_select_columns (info, FALSE);

  g_string_append_printf (sql, " FROM %s", info->table);
  if (where_column != NULL)
    g_string_append_printf (sql, " WHERE %s = ?1", where_column);
  /* The id is the rowid: a scan already goes in this order, so it costs no sort */
  g_string_append (sql, " ORDER BY id");

  return g_string_free (sql, FALSE);
}

char *
store_build_insert (const KindInfo *info)
{
  GString *sql = g_string_new (NULL);
  guint i;

  g_string_append_printf (sql, "INSERT INTO %s (", info->table);
  for (i = 0; info->columns[i].name != NULL; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", info->columns[i].name);
  g_string_append (sql, ") VALUES (");
  for (i = 0; info->columns[i].name != NULL; i++)
    g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", i + 1);
  g_string_append (sql, ")");

  return g_string_free (sql, FALSE);
}

/* The id is the parameter after the last column */
char *
store_build_update (const KindInfo *info)
{
  GString *sql = g_string_new (NULL);
  guint i;

  g_string_append_printf (sql, "UPDATE %s SET ", info->table);
  for (i = 0; info->columns[i].name != NULL; i++)
    g_string_append_printf (sql, "%s%s = ?%u", i > 0 ? ", " : "", info->columns[i].name, i + 1);
  g_string_append_printf (sql, " WHERE id = ?%u", i + 1);

  return g_string_free (sql, FALSE);
}

int
store_n_columns (const KindInfo *info)
{
  int n = 0;

  while (info->columns[n].name != NULL)
    n++;

  return n;
}

/* Binding values, in column order; the first failure is kept */

typedef struct
{
  sqlite3_stmt *stmt;
  int           index;
  int           rc;
} Binder;

static void
binder_check (Binder *b,
              int     rc)
{
  b->index++;
  if (b->rc == SQLITE_OK)
    b->rc = rc;
}

static void
bind_text (Binder     *b,
           const char *text)
{
  if (text == NULL)
    binder_check (b, sqlite3_bind_null (b->stmt, b->index));
  else
    binder_check (b, sqlite3_bind_text (b->stmt, b->index, text, -1, SQLITE_TRANSIENT));
}

static void
bind_int64 (Binder *b,
            gint64  value)
{
  binder_check (b, sqlite3_bind_int64 (b->stmt, b->index, value));
}

/* 0 means "none" for an optional reference */
static void
bind_id_or_null (Binder *b,
                 gint64  id)
{
  if (id == 0)
    binder_check (b, sqlite3_bind_null (b->stmt, b->index));
  else
    bind_int64 (b, id);
}

static void
bind_bool (Binder   *b,
           gboolean  value)
{
  bind_int64 (b, value ? 1 : 0);
}

static void
bind_double (Binder *b,
             double  value)
{
  binder_check (b, sqlite3_bind_double (b->stmt, b->index, value));
}

static void
bind_date (Binder    *b,
           GDateTime *date)
{
  char *iso = confianza_date_to_iso (date);

  if (iso == NULL)
    binder_check (b, sqlite3_bind_null (b->stmt, b->index));
  else
    binder_check (b, sqlite3_bind_text (b->stmt, b->index, iso, -1, g_free));
}

/* An unknown value binds NULL, which the NOT NULL column then refuses */
static void
bind_enum (Binder *b,
           GType   type,
           int     value)
{
  bind_text (b, confianza_enum_to_id (type, value));
}

int
store_bind_record (sqlite3_stmt *stmt,
                   RecordKind    kind,
                   gpointer      object)
{
  Binder b = { stmt, 1, SQLITE_OK };

  for (const ColumnInfo *c = store_kinds[kind].columns; c->name != NULL; c++)
    {
      switch (c->type)
        {
        case COLUMN_TEXT:   bind_text (&b, c->get.text (object)); break;
        case COLUMN_INT:    bind_int64 (&b, c->get.integer (object)); break;
        case COLUMN_INT64:  bind_int64 (&b, c->get.int64 (object)); break;
        case COLUMN_REF:    bind_id_or_null (&b, c->get.int64 (object)); break;
        case COLUMN_BOOL:   bind_bool (&b, c->get.integer (object)); break;
        case COLUMN_DOUBLE: bind_double (&b, c->get.real (object)); break;
        case COLUMN_DATE:   bind_date (&b, c->get.date (object)); break;
        case COLUMN_ENUM:   bind_enum (&b, c->enum_type (), c->get.integer (object)); break;
        default:
          g_assert_not_reached ();
        }
    }

  g_assert (b.rc != SQLITE_OK || b.index == store_n_columns (&store_kinds[kind]) + 1);

  return b.rc;
}

/* Reading rows, in column order (column 0 is the id) */

typedef struct
{
  sqlite3_stmt *stmt;
  int           index;
  GPtrArray    *dates;  /* read dates live until the row is built */
  /* ISO text → GDateTime, or NULL: over many rows the same few hundred
   * days come back again and again, and dates never change */
  GHashTable   *date_cache;
} Reader;

static const char *
read_text (Reader *r)
{
  return (const char *) sqlite3_column_text (r->stmt, r->index++);
}

static gint64
read_int64 (Reader *r)
{
  return sqlite3_column_int64 (r->stmt, r->index++);
}

static int
read_int (Reader *r)
{
  return sqlite3_column_int (r->stmt, r->index++);
}

static gboolean
read_bool (Reader *r)
{
  return sqlite3_column_int64 (r->stmt, r->index++) != 0;
}

static double
read_double (Reader *r)
{
  return sqlite3_column_double (r->stmt, r->index++);
}

static GDateTime *
read_date (Reader *r)
{
  const char *column = sqlite3_column_name (r->stmt, r->index);
  const char *text = read_text (r);
  g_autoptr(GError) error = NULL;
  GDateTime *date;

  if (text == NULL)
    return NULL;

  if (r->date_cache != NULL)
    {
      date = g_hash_table_lookup (r->date_cache, text);
      if (date != NULL)
        return date;
    }

  date = confianza_date_from_iso (text, &error);
  if (date == NULL)
    {
      g_warning ("Ignoring the unreadable date “%s” in column %s: %s",
                 text, column, error->message);
      return NULL;
    }

  if (r->date_cache != NULL)
    g_hash_table_insert (r->date_cache, g_strdup (text), date);
  else
    g_ptr_array_add (r->dates, date);

  return date;
}

static int
read_enum (Reader *r,
           GType   type)
{
  const char *column = sqlite3_column_name (r->stmt, r->index);
  const char *id = read_text (r);
  int value = 0;

  if (!confianza_enum_from_id (type, id, &value))
    {
      g_warning ("Unknown value “%s” in column %s, read as the first one",
                 id != NULL ? id : "(null)", column);
      value = 0;
    }

  return value;
}

/* @dates: a scratch array for the dates read, emptied before returning, so
 * that a loop over many rows needs only one; @date_cache: see Reader */
gpointer
store_record_from_row_with (RecordKind    kind,
                            sqlite3_stmt *stmt,
                            GPtrArray    *dates,
                            GHashTable   *date_cache)
{
  const KindInfo *info = &store_kinds[kind];
  Reader r = { stmt, 0, dates, date_cache };
  gpointer object = g_object_new (info->get_type (), NULL);

  /* Nobody can listen to a record just made: no notification per field */
  confianza_record_begin_quiet ();
  info->set_id (object, read_int64 (&r));
  for (const ColumnInfo *c = info->columns; c->name != NULL; c++)
    {
      switch (c->type)
        {
        case COLUMN_TEXT:   c->set.text (object, read_text (&r)); break;
        case COLUMN_INT:    c->set.integer (object, read_int (&r)); break;
        case COLUMN_INT64:
        case COLUMN_REF:    c->set.int64 (object, read_int64 (&r)); break;
        case COLUMN_BOOL:   c->set.integer (object, read_bool (&r)); break;
        case COLUMN_DOUBLE: c->set.real (object, read_double (&r)); break;
        case COLUMN_DATE:   c->set.date (object, read_date (&r)); break;
        case COLUMN_ENUM:   c->set.integer (object, read_enum (&r, c->enum_type ())); break;
        default:
          g_assert_not_reached ();
        }
    }

  confianza_record_end_quiet ();

  g_assert (r.index == store_n_columns (info) + 1);
  g_ptr_array_set_size (dates, 0);

  return object;
}

gpointer
store_record_from_row (RecordKind    kind,
                       sqlite3_stmt *stmt)
{
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);

  return store_record_from_row_with (kind, stmt, dates, NULL);
}

/* Record accessors, by kind */

gint64
store_record_get_id (RecordKind kind,
                     gpointer   object)
{
  return store_kinds[kind].get_id (object);
}

void
store_record_set_id (RecordKind kind,
                     gpointer   object,
                     gint64     id)
{
  store_kinds[kind].set_id (object, id);
}

gint64
store_record_get_client_id (RecordKind kind,
                            gpointer   object)
{
  return store_kinds[kind].get_client_id (object);
}

/* What the live lists of this kind are keyed by */
gint64
store_record_get_owner_id (RecordKind kind,
                           gpointer   object)
{
  return store_kinds[kind].get_owner_id (object);
}

/* The date of a contact with the client that the record stands for */
GDateTime *
store_record_get_contact_date (RecordKind kind,
                               gpointer   object)
{
  return store_kinds[kind].get_contact_date != NULL ? store_kinds[kind].get_contact_date (object) : NULL;
}

gboolean
store_record_validate (RecordKind   kind,
                       gpointer     object,
                       GError     **error)
{
  return store_kinds[kind].validate (object, NULL, error);
}

/* Sort orders of the live lists. Every one ends on the id, so that no two
 * records compare equal and a position is always well defined. */

static int
compare_ids (gint64 a,
             gint64 b)
{
  return (a > b) - (a < b);
}

/* Dates without a value go last, in either direction */
static int
compare_dates (GDateTime *a,
               GDateTime *b,
               gboolean   newest_first)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);

  return newest_first ? g_date_time_compare (b, a) : g_date_time_compare (a, b);
}

/* The documented order of the live lists of a kind (@user_data: its
 * KindInfo): clients by name; other records by the kind's date, newest or
 * oldest first as the kind says, then by id in the same direction */
int
store_compare_records (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const KindInfo *info = user_data;
  gpointer ra = (gpointer) a;
  gpointer rb = (gpointer) b;
  int cmp;

  if (info->order_date == NULL)
    return confianza_client_compare_by_name (ra, rb);

  cmp = compare_dates (info->order_date (ra), info->order_date (rb), info->newest_first);
  if (cmp != 0)
    return cmp;

  return info->newest_first ? compare_ids (info->get_id (rb), info->get_id (ra))
                            : compare_ids (info->get_id (ra), info->get_id (rb));
}

/* Queries */

/* Appends to @records every row of @kind whose @where_column is @value
 * (every row when @where_column is NULL). */
gboolean
store_load_records (ConfianzaStore  *self,
                    RecordKind       kind,
                    const char      *where_column,
                    gint64           value,
                    GPtrArray       *records,
                    GError         **error)
{
  g_autofree char *sql = store_build_select (&store_kinds[kind], where_column);
  g_autoptr(CachedStatement) stmt = NULL;
  int rc;

  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  if (where_column != NULL)
    sqlite3_bind_int64 (stmt, 1, value);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, store_record_from_row (kind, stmt));

  if (rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  return TRUE;
}

/* Calls @func with every row of @kind whose @where_column is @value (every
 * row when NULL), in id order, through a statement of its own so that
 * @func may use the store. */
gboolean
store_foreach_record (ConfianzaStore       *self,
                      RecordKind            kind,
                      const char           *where_column,
                      gint64                value,
                      ConfianzaRecordFunc   func,
                      gpointer              user_data,
                      GError              **error)
{
  g_autofree char *sql = store_build_select (&store_kinds[kind], where_column);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  if (where_column != NULL)
    sqlite3_bind_int64 (stmt, 1, value);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GObject) record = store_record_from_row (kind, stmt);

      if (!func (record, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }

  if (rc != SQLITE_DONE)
    store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE;
}

gpointer
store_get_record (ConfianzaStore  *self,
                  RecordKind       kind,
                  const char      *column,
                  gint64           value,
                  GError         **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

  if (!store_load_records (self, kind, column, value, records, error))
    return NULL;

  if (records->len == 0)
    return NULL;

  return g_object_ref (g_ptr_array_index (records, 0));
}

gboolean
store_collect_ids (ConfianzaStore  *self,
                   const char      *sql,
                   gint64           value,
                   GArray          *ids,
                   GError         **error)
{
  g_autoptr(CachedStatement) stmt = NULL;
  int rc;

  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, value);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  return TRUE;
}

gboolean
store_ids_contain (GArray *ids,
                   gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}
