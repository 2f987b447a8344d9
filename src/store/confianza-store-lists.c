/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-store"

/* ConfianzaStoreLists: the live lists handed out by confianza_store_get_…(),
 * the cache of GListModels the window shows, kept in order as records
 * change. Its own object beside the store (like GNOME Calendar's
 * GcalEventList beside GcalManager): the store tells it what changed once
 * the change is on disk, and it reads through the store to fill a list. */

#include "config.h"

#include "confianza-store-internal.h"

/* Live lists */

/* A live list handed out by confianza_store_get_…(): nobody here owns
 * it, so that it goes away when the interface drops it. */
typedef struct
{
  ConfianzaStoreLists *lists;     /* unowned: dispose unhooks every entry first */
  RecordKind           kind;
  gint64               owner_id;  /* client id, plan id, or 0 for every plan */
  GListStore          *list;      /* weak */
} CachedList;

struct _ConfianzaStoreLists
{
  GObject         parent_instance;

  ConfianzaStore *store;     /* unowned: the store owns us */
  GListStore     *clients;   /* NULL until someone asks for it */
  GHashTable     *entries;   /* set of CachedList */
};

G_DEFINE_FINAL_TYPE (ConfianzaStoreLists, confianza_store_lists, G_TYPE_OBJECT)

static guint
cached_list_hash (gconstpointer key)
{
  const CachedList *entry = key;

  return g_int64_hash (&entry->owner_id) ^ ((guint) entry->kind << 24);
}

static gboolean
cached_list_equal (gconstpointer a,
                         gconstpointer b)
{
  const CachedList *ea = a;
  const CachedList *eb = b;

  return ea->kind == eb->kind && ea->owner_id == eb->owner_id;
}

static void
cached_list_weak_notify (gpointer  data,
                               GObject  *where_the_object_was)
{
  CachedList *entry = data;

  /* Frees @entry */
  g_hash_table_remove (entry->lists->entries, entry);
}

/* A snapshot of a live list, holding a strong reference, so that a handler
 * dropping one while another is being updated is harmless. */
typedef struct
{
  GListStore *list;
  RecordKind  kind;
  gint64      owner_id;
} ListRef;

static void
list_ref_free (gpointer data)
{
  ListRef *ref = data;

  g_object_unref (ref->list);
  g_free (ref);
}

/* The live lists of @kind, or of every kind when @kind is N_KINDS */
static GPtrArray *
lists_of_kind (ConfianzaStoreLists *self,
                     RecordKind      kind)
{
  GPtrArray *lists = g_ptr_array_new_with_free_func (list_ref_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      CachedList *entry = key;
      ListRef *ref;

      if (kind != N_KINDS && entry->kind != kind)
        continue;

      ref = g_new0 (ListRef, 1);
      ref->list = g_object_ref (entry->list);
      ref->kind = entry->kind;
      ref->owner_id = entry->owner_id;
      g_ptr_array_add (lists, ref);
    }

  return lists;
}

static gboolean
list_find (GListStore *list,
                 RecordKind  kind,
                 gint64      id,
                 guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (store_record_get_id (kind, item) == id)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Whether @object sorts between the neighbours of @position */
static gboolean
list_fits_at (GListStore *list,
              RecordKind  kind,
              guint       position,
              gpointer    object)
{
  GListModel *model = G_LIST_MODEL (list);
  gpointer info = (gpointer) &store_kinds[kind];

  if (position > 0)
    {
      g_autoptr(GObject) before = g_list_model_get_item (model, position - 1);

      if (store_compare_records (before, object, info) > 0)
        return FALSE;
    }

  if (position + 1 < g_list_model_get_n_items (model))
    {
      g_autoptr(GObject) after = g_list_model_get_item (model, position + 1);

      if (store_compare_records (object, after, info) > 0)
        return FALSE;
    }

  return TRUE;
}

/* Puts the saved @object where it belongs in @list, or takes its record out
 * when it no longer @belongs there (it moved to another client or plan). */
static void
list_place (GListStore *list,
            RecordKind  kind,
            gpointer    object,
            gboolean    belongs)
{
  guint position;

  if (!list_find (list, kind, store_record_get_id (kind, object), &position))
    {
      if (belongs)
        g_list_store_insert_sorted (list, object, store_compare_records,
                                    (gpointer) &store_kinds[kind]);
      return;
    }

  if (!belongs)
    {
      g_list_store_remove (list, position);
      return;
    }

  if (list_fits_at (list, kind, position, object))
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), position);

      /* The very instance in the list has already notified its changes */
      if (item != object)
        g_list_store_splice (list, position, 1, &object, 1);
    }
  else
    {
      g_list_store_remove (list, position);
      g_list_store_insert_sorted (list, object, store_compare_records,
                                  (gpointer) &store_kinds[kind]);
    }
}

/* Removes, from the end so positions stay valid, the items for which
 * @matches returns TRUE. */
static void
list_remove_if (GListStore *list,
                RecordKind  kind,
                gboolean  (*matches) (gpointer item, RecordKind kind, gint64 value),
                gint64      value)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i - 1);

      if (matches (item, kind, value))
        g_list_store_remove (list, i - 1);
    }
}

static gboolean
item_has_id (gpointer   item,
             RecordKind kind,
             gint64     id)
{
  return store_record_get_id (kind, item) == id;
}

static gboolean
item_has_client (gpointer   item,
                 RecordKind kind,
                 gint64     client_id)
{
  return store_record_get_client_id (kind, item) == client_id;
}

void
confianza_store_lists_record_saved (ConfianzaStoreLists *self,
                          RecordKind      kind,
                          gpointer        object)
{
  g_autoptr(GPtrArray) lists = NULL;
  gint64 owner_id;

  if (kind == KIND_CLIENT)
    {
      if (self->clients != NULL)
        list_place (self->clients, kind, object, TRUE);
      return;
    }

  owner_id = store_record_get_owner_id (kind, object);
  lists = lists_of_kind (self, kind);

  for (guint i = 0; i < lists->len; i++)
    {
      ListRef *ref = g_ptr_array_index (lists, i);

      list_place (ref->list, kind, object,
                  ref->owner_id == owner_id ||
                  ((kind == KIND_PLAN || kind == KIND_INCIDENT) && ref->owner_id == 0));
    }
}

void
confianza_store_lists_record_deleted (ConfianzaStoreLists *self,
                            RecordKind      kind,
                            gint64          id)
{
  g_autoptr(GPtrArray) lists = NULL;

  if (kind == KIND_CLIENT)
    {
      if (self->clients != NULL)
        list_remove_if (self->clients, kind, item_has_id, id);
      return;
    }

  lists = lists_of_kind (self, kind);
  for (guint i = 0; i < lists->len; i++)
    {
      ListRef *ref = g_ptr_array_index (lists, i);

      list_remove_if (ref->list, kind, item_has_id, id);
    }
}

/* Everything of the client's went with them */
void
confianza_store_lists_client_deleted (ConfianzaStoreLists *self,
                            gint64          client_id)
{
  g_autoptr(GPtrArray) lists = lists_of_kind (self, N_KINDS);

  if (self->clients != NULL)
    list_remove_if (self->clients, KIND_CLIENT, item_has_id, client_id);

  for (guint i = 0; i < lists->len; i++)
    {
      ListRef *ref = g_ptr_array_index (lists, i);

      list_remove_if (ref->list, ref->kind, item_has_client, client_id);
    }
}

/* Follow-ups, compensations and messages went with the plans; promises that were
 * their guarantees stay, no longer tied to a plan (ON DELETE SET NULL). */
void
confianza_store_lists_plans_deleted (ConfianzaStoreLists *self,
                           GArray         *plan_ids)
{
  g_autoptr(GPtrArray) lists = lists_of_kind (self, N_KINDS);

  for (guint i = 0; i < lists->len; i++)
    {
      ListRef *ref = g_ptr_array_index (lists, i);
      GListStore *list = ref->list;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

      for (guint j = n; j > 0; j--)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), j - 1);

          switch (ref->kind)
            {
            case KIND_PLAN:
              if (store_ids_contain (plan_ids, confianza_recovery_plan_get_id ((ConfianzaRecoveryPlan *) item)))
                g_list_store_remove (list, j - 1);
              break;

            case KIND_FOLLOW_UP:
              if (store_ids_contain (plan_ids, confianza_follow_up_get_plan_id ((ConfianzaFollowUp *) item)))
                g_list_store_remove (list, j - 1);
              break;

            case KIND_COMPENSATION:
              if (store_ids_contain (plan_ids, confianza_compensation_get_plan_id ((ConfianzaCompensation *) item)))
                g_list_store_remove (list, j - 1);
              break;

            case KIND_RECOVERY_MESSAGE:
              if (store_ids_contain (plan_ids, confianza_recovery_message_get_plan_id ((ConfianzaRecoveryMessage *) item)))
                g_list_store_remove (list, j - 1);
              break;

            case KIND_PROMISE:
              if (store_ids_contain (plan_ids, confianza_promise_get_plan_id ((ConfianzaPromise *) item)))
                confianza_promise_set_plan_id ((ConfianzaPromise *) item, 0);
              break;

            case KIND_CLIENT:
            case KIND_QUICK_WIN:
            case KIND_CONVERSATION:
            case KIND_INCIDENT:
            case KIND_RECOMMENDATION:
            case KIND_PROMISE_STEP:
            case N_KINDS:
            default:
              break;
            }
        }
    }
}

static gboolean
step_of_promise (gpointer   item,
                 RecordKind kind,
                 gint64     promise_id)
{
  return confianza_promise_step_get_promise_id (item) == promise_id;
}

/* The promises' histories went with them; plans that had these promises
 * as guarantees keep going without them (ON DELETE SET NULL). */
void
confianza_store_lists_promises_deleted (ConfianzaStoreLists *self,
                              GArray         *promise_ids)
{
  g_autoptr(GPtrArray) lists = lists_of_kind (self, KIND_PLAN);
  g_autoptr(GPtrArray) step_lists = lists_of_kind (self, KIND_PROMISE_STEP);

  for (guint i = 0; i < step_lists->len; i++)
    {
      ListRef *ref = g_ptr_array_index (step_lists, i);

      for (guint k = 0; k < promise_ids->len; k++)
        list_remove_if (ref->list, KIND_PROMISE_STEP, step_of_promise,
                        g_array_index (promise_ids, gint64, k));
    }

  for (guint i = 0; i < lists->len; i++)
    {
      ListRef *ref = g_ptr_array_index (lists, i);
      GListModel *list = G_LIST_MODEL (ref->list);
      guint n = g_list_model_get_n_items (list);

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(ConfianzaRecoveryPlan) plan = g_list_model_get_item (list, j);

          if (store_ids_contain (promise_ids, confianza_recovery_plan_get_guarantee_promise_id (plan)))
            confianza_recovery_plan_set_guarantee_promise_id (plan, 0);
        }
    }
}

void
confianza_store_lists_client_contacted (ConfianzaStoreLists *self,
                             gint64          client_id,
                             GDateTime      *date)
{
  guint position;

  if (self->clients == NULL ||
      !list_find (self->clients, KIND_CLIENT, client_id, &position))
    return;

  {
    g_autoptr(ConfianzaClient) client = g_list_model_get_item (G_LIST_MODEL (self->clients), position);
    GDateTime *last = confianza_client_get_last_contact (client);

    if (last == NULL || g_date_time_compare (last, date) < 0)
      confianza_client_set_last_contact (client, date);
  }
}

/* Replaces what @list holds by the records of @kind and @owner_id on
 * disk, in the list's order */
static void
fill_list (ConfianzaStoreLists *self,
                 GListStore     *list,
                 RecordKind      kind,
                 gint64          owner_id)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *where_column = store_kinds[kind].owner_column;

  if ((kind == KIND_PLAN || kind == KIND_INCIDENT) && owner_id == 0)
    where_column = NULL;

  if (!store_load_records (self->store, kind, where_column, owner_id, records, &error))
    {
      g_warning ("%s", error->message);
      return;
    }

  g_list_store_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                       records->pdata, records->len);
  g_list_store_sort (list, store_compare_records, (gpointer) &store_kinds[kind]);
}

/* The live list of @kind and @owner_id (the clients' for KIND_CLIENT):
 * (transfer full) */
GListModel *
confianza_store_lists_get (ConfianzaStoreLists *self,
                           RecordKind           kind,
                           gint64               owner_id)
{
  CachedList key = { .kind = kind, .owner_id = owner_id };
  CachedList *entry;
  GListStore *list;

  if (kind == KIND_CLIENT)
    {
      /* Kept for as long as the store lives: next due dates and trust
       * scores live on its clients */
      if (self->clients == NULL)
        {
          self->clients = g_list_store_new (CONFIANZA_TYPE_CLIENT);
          fill_list (self, self->clients, KIND_CLIENT, 0);
        }
      return g_object_ref (G_LIST_MODEL (self->clients));
    }
  entry = g_hash_table_lookup (self->entries, &key);
  if (entry != NULL)
    return g_object_ref (G_LIST_MODEL (entry->list));

  list = g_list_store_new (store_kinds[kind].get_type ());
  fill_list (self, list, kind, owner_id);

  entry = g_new0 (CachedList, 1);
  entry->lists = self;
  entry->kind = kind;
  entry->owner_id = owner_id;
  entry->list = list;
  g_object_weak_ref (G_OBJECT (list), cached_list_weak_notify, entry);
  g_hash_table_add (self->entries, entry);

  return G_LIST_MODEL (list);
}

/* Every cached live list holds the records on disk again */
void
confianza_store_lists_refill (ConfianzaStoreLists *self)
{
  g_autoptr(GPtrArray) lists = lists_of_kind (self, N_KINDS);

  for (guint i = 0; i < lists->len; i++)
    {
      ListRef *ref = g_ptr_array_index (lists, i);

      fill_list (self, ref->list, ref->kind, ref->owner_id);
    }
}

/* The clients' live list, or NULL while nobody has asked for it */
GListModel *
confianza_store_lists_peek_clients (ConfianzaStoreLists *self)
{
  return self->clients != NULL ? G_LIST_MODEL (self->clients) : NULL;
}

/* The live client of @client_id, or NULL: (transfer full) */
ConfianzaClient *
confianza_store_lists_dup_client (ConfianzaStoreLists *self,
                                  gint64               client_id)
{
  guint position;

  if (self->clients == NULL ||
      !list_find (self->clients, KIND_CLIENT, client_id, &position))
    return NULL;

  return g_list_model_get_item (G_LIST_MODEL (self->clients), position);
}

/* The clients' list holds the clients on disk again: FALSE when there is
 * none yet */
gboolean
confianza_store_lists_refill_clients (ConfianzaStoreLists *self)
{
  if (self->clients == NULL)
    return FALSE;

  fill_list (self, self->clients, KIND_CLIENT, 0);
  return TRUE;
}

void
confianza_store_lists_add_clients (ConfianzaStoreLists *self,
                                   GPtrArray           *clients)
{
  g_autoptr(GPtrArray) merged = NULL;
  gpointer info = (gpointer) &store_kinds[KIND_CLIENT];
  GListModel *list;
  guint n, i = 0, j = 0;

  if (self->clients == NULL || clients->len == 0)
    return;

  /* The clients already listed stay the same objects (pages show them).
   * Both lists are in order: one merge and one splice, on this thread,
   * rather than an insertion each, which would move the whole list every
   * time */
  list = G_LIST_MODEL (self->clients);
  n = g_list_model_get_n_items (list);
  merged = g_ptr_array_new_full (n + clients->len, g_object_unref);
  while (i < n || j < clients->len)
    {
      g_autoptr(GObject) listed = i < n ? g_list_model_get_item (list, i) : NULL;
      gpointer added = j < clients->len ? g_ptr_array_index (clients, j) : NULL;

      if (added == NULL || (listed != NULL && store_compare_records (listed, added, info) <= 0))
        {
          g_ptr_array_add (merged, g_steal_pointer (&listed));
          i++;
        }
      else
        {
          g_ptr_array_add (merged, g_object_ref (added));
          j++;
        }
    }

  g_list_store_splice (self->clients, 0, n, merged->pdata, merged->len);
}

/* The lists handed out stop updating: they outlive the store in the
 * interface */
void
confianza_store_lists_clear (ConfianzaStoreLists *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      CachedList *entry = key;

      g_object_weak_unref (G_OBJECT (entry->list), cached_list_weak_notify, entry);
    }
  g_hash_table_remove_all (self->entries);

  g_clear_object (&self->clients);
}

static void
confianza_store_lists_dispose (GObject *object)
{
  ConfianzaStoreLists *self = CONFIANZA_STORE_LISTS (object);

  confianza_store_lists_clear (self);

  G_OBJECT_CLASS (confianza_store_lists_parent_class)->dispose (object);
}

static void
confianza_store_lists_finalize (GObject *object)
{
  ConfianzaStoreLists *self = CONFIANZA_STORE_LISTS (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (confianza_store_lists_parent_class)->finalize (object);
}

static void
confianza_store_lists_class_init (ConfianzaStoreListsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = confianza_store_lists_dispose;
  object_class->finalize = confianza_store_lists_finalize;
}

static void
confianza_store_lists_init (ConfianzaStoreLists *self)
{
  self->entries = g_hash_table_new_full (cached_list_hash, cached_list_equal,
                                         g_free, NULL);
}

/* @store: unowned; it owns the new object and outlives it */
ConfianzaStoreLists *
confianza_store_lists_new (ConfianzaStore *store)
{
  ConfianzaStoreLists *self = g_object_new (CONFIANZA_TYPE_STORE_LISTS, NULL);

  self->store = store;

  return self;
}
