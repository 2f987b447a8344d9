/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "perf-data"

#include "config.h"

#include <glib/gstdio.h>

#include <sqlite3.h>
#include <stdio.h>
#include <sys/resource.h>

#include "store/confianza-store.h"

#include "perf-data.h"

/* Days of history: promises and the rest fall in the last two years;
 * relationships may be older */
#define HISTORY_DAYS 730
#define OLDEST_DAYS  1500
#define FUTURE_DAYS  60
#define N_DAYS       (OLDEST_DAYS + FUTURE_DAYS + 1)
#define BATCH        1000

static const char * const first_names[] = {
  "Lucía", "María", "Carmen", "Ana", "Laura", "Marta", "Elena", "Paula",
  "Sara", "Cristina", "Isabel", "Pilar", "Nuria", "Raquel", "Rocío", "Inés",
  "Alba", "Irene", "Beatriz", "Noelia", "Antonio", "José", "Manuel", "Francisco",
  "David", "Juan", "Javier", "Daniel", "Carlos", "Alejandro", "Miguel", "Rafael",
  "Pablo", "Sergio", "Fernando", "Jorge", "Álvaro", "Adrián", "Íñigo", "Óscar",
};

static const char * const surnames[] = {
  "García", "Rodríguez", "González", "Fernández", "López", "Martínez",
  "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández",
  "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez",
  "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez",
  "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado",
  "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Núñez", "Iglesias", "Peña",
  "Ferrer", "Garrido", "Cortés", "Castillo", "Santos", "Lozano",
};

static const char * const business_words[] = {
  "Talleres", "Estudio", "Construcciones", "Panadería", "Clínica Dental",
  "Asesoría", "Bodegas", "Transportes", "Ferretería", "Gestoría",
  "Imprenta", "Librería", "Academia", "Floristería", "Hostal",
  "Carpintería", "Autoescuela", "Farmacia", "Inmobiliaria", "Restaurante",
};

static const char * const business_places[] = {
  "del Sur", "Levante", "Mediterráneo", "Castilla", "Galicia", "Atlántico",
  "del Ebro", "La Mancha", "Cantábrico", "Sierra Norte", "del Puerto",
  "Montaña", "Ribera", "Valle Verde", "Aljarafe", "Triana",
};

static const char * const legal_forms[] = {
  "S.L.", "S.L.", "S.L.", "S.A.", "S.Coop.", "S.L.U.", "C.B.",
};

static const char * const kinds[] = {
  "diseño", "web", "informe", "traducción", "auditoría", "formación",
  "mantenimiento", "consultoría", "fotografía", "contabilidad",
};

static const char * const titles[] = {
  "Entregar el logotipo definitivo", "Primera versión de la web",
  "Informe trimestral", "Traducir el catálogo", "Revisión de cuentas",
  "Curso para el equipo", "Actualizar el servidor", "Propuesta de mejora",
  "Sesión de fotos de producto", "Cierre contable del mes",
  "Maqueta de la tienda en línea", "Presupuesto detallado",
  "Manual de identidad", "Migración del correo", "Plan de redes sociales",
  "Auditoría de seguridad", "Boletín de novedades", "Cartelería de la feria",
};

static const char * const units[] = { "páginas", "piezas", "horas", "artículos" };

static const char * const win_titles[] = {
  "Carga de la web un 40 % más rápida", "Error de facturación resuelto en una hora",
  "Primer pedido en la tienda en línea", "Reseña de cinco estrellas",
  "Ahorro de 200 € en el proveedor", "Formulario de contacto funcionando",
};

static const char * const statuses[] = {
  "active", "active", "active", "active", "active", "active", "active",
  "active", "active", "active", "active", "active", "at-risk", "at-risk",
  "recovering", "recovered", "recovered", "lost", "lost", "let-go",
};

static const char * const channels[] = { "in-person", "call", "video", "email", "message" };
static const char * const severities[] = { "minor", "minor", "minor", "serious", "serious", "critical" };
static const char * const responsibilities[] = { "ours", "ours", "shared", "external" };
static const char * const causes[] = {
  "plazos", "calidad", "comunicación", "proveedor", "facturación", "personal",
};
static const char * const compensation_kinds[] = { "refund", "credit", "product-change", "other" };

typedef struct
{
  sqlite3      *db;
  GRand        *rand;
  /* ISO dates by day offset from today: dates + 11 * (OLDEST_DAYS + offset) */
  char         *dates;
  sqlite3_stmt *client;
  sqlite3_stmt *promise;
  sqlite3_stmt *quick_win;
  sqlite3_stmt *conversation;
  sqlite3_stmt *incident;
  sqlite3_stmt *plan;
  sqlite3_stmt *follow_up;
  sqlite3_stmt *compensation;
  gint64        next_incident;
  gint64        next_plan;
} Generator;

#define PICK(g, table) ((table)[g_rand_int_range ((g)->rand, 0, G_N_ELEMENTS (table))])

static int
range (Generator *g,
       int        from,
       int        to)
{
  return to <= from ? from : g_rand_int_range (g->rand, from, to + 1);
}

static gboolean
chance (Generator *g,
        int        percent)
{
  return g_rand_int_range (g->rand, 0, 100) < percent;
}

/* Functions, not MIN () and MAX (), which would draw a random number twice */
static int
not_after_today (int day)
{
  return MIN (day, 0);
}

static int
not_before (int first,
            int day)
{
  return MAX (first, day);
}

/* A day as an offset from today (negative: past), clamped to the table */
static void
bind_day (sqlite3_stmt *stmt,
          int           index,
          Generator    *g,
          int           day)
{
  day = CLAMP (day, -OLDEST_DAYS, FUTURE_DAYS);
  sqlite3_bind_text (stmt, index, g->dates + 11 * (OLDEST_DAYS + day), 10, SQLITE_STATIC);
}

static void
bind_static (sqlite3_stmt *stmt,
             int           index,
             const char   *text)
{
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static gboolean
step (Generator     *g,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "insert: %s", sqlite3_errmsg (g->db));
      return FALSE;
    }

  return TRUE;
}

static gboolean
exec (Generator   *g,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (g->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", sql, sqlite3_errmsg (g->db));
      return FALSE;
    }

  return TRUE;
}

static sqlite3_stmt *
prepare (Generator   *g,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (g->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", sql, sqlite3_errmsg (g->db));

  return stmt;
}

/* One promise of client @client_id, whose history starts @start days ago */
static gboolean
add_promise (Generator  *g,
             gint64      client_id,
             int         start,
             GError    **error)
{
  sqlite3_stmt *s = g->promise;
  int promised = -range (g, 0, start);
  int due = promised + range (g, 2, 45);
  gboolean quantity = chance (g, 20);
  double promised_quantity = quantity ? range (g, 2, 40) : 0;
  double delivered_quantity = promised_quantity;
  int delivered = G_MININT;   /* not delivered */
  gboolean broken = FALSE;
  const char *extras = NULL;
  int r = g_rand_int_range (g->rand, 0, 100);

  if (due > 0)
    {
      /* Still to come: mostly open, a few already delivered early */
      if (r < 12)
        delivered = range (g, promised, MIN (0, due - 1));
    }
  else if (r < 38)
    delivered = due;                                         /* kept */
  else if (r < 55)
    delivered = range (g, promised, due - 1);                /* early */
  else if (r < 63)
    {
      delivered = due;                                       /* with extras */
      extras = "Una revisión más sin coste";
    }
  else if (r < 78)
    delivered = not_after_today (due + range (g, 1, 20));             /* late */
  else if (r < 88)
    broken = TRUE;
  else if (r < 90 && quantity)
    {
      delivered = due;                                       /* short */
      delivered_quantity = promised_quantity - range (g, 1, (int) promised_quantity - 1);
    }
  else if (due < -45)
    delivered = not_after_today (due + range (g, 1, 10));             /* late, long ago */
  /* else: still open and overdue */

  if (delivered != G_MININT && quantity && extras == NULL && r >= 38 && r < 55 && chance (g, 30))
    delivered_quantity = promised_quantity + range (g, 1, 5);  /* more than promised */

  sqlite3_bind_int64 (s, 1, client_id);
  bind_static (s, 2, PICK (g, titles));
  bind_static (s, 3, PICK (g, kinds));
  bind_day (s, 4, g, promised);
  bind_day (s, 5, g, due);
  sqlite3_bind_int (s, 6, quantity);
  sqlite3_bind_double (s, 7, promised_quantity);
  if (quantity)
    bind_static (s, 8, PICK (g, units));
  if (delivered != G_MININT)
    {
      bind_day (s, 9, g, delivered);
      if (chance (g, 20))
        bind_static (s, 12, "Entregado por correo con el enlace de descarga");
    }
  sqlite3_bind_double (s, 10, delivered != G_MININT ? delivered_quantity : 0);
  if (extras != NULL)
    bind_static (s, 11, extras);
  sqlite3_bind_int (s, 13, broken);
  if (broken)
    bind_static (s, 14, chance (g, 50) ? "El proveedor no entregó a tiempo" : "Se nos olvidó");

  return step (g, s, error);
}

static gboolean
add_recovery (Generator  *g,
              gint64      client_id,
              gint64      incident_id,
              int         happened,
              GError    **error)
{
  sqlite3_stmt *s = g->plan;
  gint64 plan_id = g->next_plan++;
  int started = not_after_today (happened + range (g, 0, 3));
  int step_done = range (g, 0, 6);
  int n_follow_ups = range (g, 0, 4);
  const char *outcome = "in-progress";
  int closed = G_MININT;

  if (started < -60)
    {
      int r = g_rand_int_range (g->rand, 0, 100);

      if (r < 60)
        outcome = "recovered";
      else if (r < 75)
        outcome = "let-go";
    }
  if (g_strcmp0 (outcome, "in-progress") != 0)
    closed = not_after_today (started + range (g, 10, 60));

  sqlite3_bind_int64 (s, 1, plan_id);
  sqlite3_bind_int64 (s, 2, client_id);
  sqlite3_bind_int64 (s, 3, incident_id);
  bind_day (s, 4, g, started);
  sqlite3_bind_int (s, 5, step_done);
  if (step_done >= 1)
    {
      bind_static (s, 6, "Que la entrega llegó tarde y nadie avisó");
      bind_day (s, 7, g, started);
      bind_day (s, 8, g, not_after_today (started + range (g, 0, 2)));
    }
  if (step_done >= 2)
    {
      bind_day (s, 9, g, not_after_today (started + range (g, 0, 4)));
      bind_static (s, 11, "Responsable del proyecto");
      bind_static (s, 12, "Lo sentimos: fue culpa nuestra y lo vamos a arreglar.");
    }
  bind_static (s, 10, PICK (g, channels));
  sqlite3_bind_int (s, 13, step_done >= 3 && chance (g, 20));
  if (step_done >= 4)
    {
      bind_static (s, 14, "Si vuelve a pasar, la siguiente entrega es gratis");
      bind_day (s, 15, g, MIN (FUTURE_DAYS, started + 90));
    }
  sqlite3_bind_int (s, 16, n_follow_ups > 0 ? 7 : 0);
  if (n_follow_ups > 0)
    bind_day (s, 17, g, MIN (FUTURE_DAYS, started + 7 * n_follow_ups));
  sqlite3_bind_int (s, 18, n_follow_ups);
  if (step_done >= 6)
    {
      bind_static (s, 19, "Sin revisión antes de enviar");
      bind_static (s, 20, "Lista de comprobación antes de cada entrega");
      bind_static (s, 21, "Equipo de diseño");
      bind_day (s, 22, g, MIN (FUTURE_DAYS, started + 30));
    }
  bind_static (s, 23, outcome);
  if (g_strcmp0 (outcome, "let-go") == 0)
    bind_static (s, 24, "No quiso seguir trabajando con nosotros");
  if (closed != G_MININT)
    bind_day (s, 25, g, closed);
  if (!step (g, s, error))
    return FALSE;

  for (int i = 0; i < n_follow_ups; i++)
    {
      int due = started + 7 * (i + 1);

      s = g->follow_up;
      sqlite3_bind_int64 (s, 1, plan_id);
      sqlite3_bind_int64 (s, 2, client_id);
      bind_day (s, 3, g, MIN (FUTURE_DAYS, due));
      if (due <= 0 && chance (g, 85))
        bind_day (s, 4, g, not_after_today (due + (chance (g, 70) ? 0 : range (g, 1, 5))));
      if (chance (g, 50))
        bind_static (s, 5, "Llamada para ver cómo va");
      if (!step (g, s, error))
        return FALSE;
    }

  if (step_done >= 3 && chance (g, 40))
    {
      int r = g_rand_int_range (g->rand, 0, 100);

      s = g->compensation;
      sqlite3_bind_int64 (s, 1, plan_id);
      sqlite3_bind_int64 (s, 2, client_id);
      bind_static (s, 3, PICK (g, compensation_kinds));
      sqlite3_bind_int64 (s, 4, range (g, 20, 500) * 100);
      bind_static (s, 5, r < 90 ? "EUR" : r < 97 ? "USD" : "GBP");
      bind_static (s, 6, "Descuento en la próxima factura");
      bind_day (s, 7, g, not_after_today (started + range (g, 1, 10)));
      if (!step (g, s, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_client (Generator  *g,
            gint64      client_id,
            guint       n_promises,
            GError    **error)
{
  sqlite3_stmt *s = g->client;
  const char *first = PICK (g, first_names);
  const char *surname1 = PICK (g, surnames);
  const char *surname2 = PICK (g, surnames);
  const char *status = PICK (g, statuses);
  int since = -range (g, 30, OLDEST_DAYS);
  int start = MIN (-since, HISTORY_DAYS);
  g_autofree char *name = g_strdup_printf ("%s %s %s", first, surname1, surname2);
  g_autofree char *company = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  int n_incidents;
  const char *last_cause = NULL;

  if (chance (g, 65))
    {
      /* One draw a statement: the order of arguments is unspecified */
      const char *word = PICK (g, business_words);
      const char *owner = chance (g, 50) ? surname1 : PICK (g, business_places);
      const char *place = chance (g, 30) ? PICK (g, business_places) : NULL;
      const char *form = PICK (g, legal_forms);

      company = g_strdup_printf ("%s %s%s%s %s", word, owner,
                                 place != NULL ? " " : "", place != NULL ? place : "", form);
    }
  {
    g_autofree char *first_ascii = g_str_to_ascii (first, "C");
    g_autofree char *surname_ascii = g_str_to_ascii (surname1, "C");

    const char *domain = chance (g, 50) ? "correo.es" : "empresa.es";

    ascii = g_strdup_printf ("%s.%s%" G_GINT64_FORMAT "@%s", first_ascii, surname_ascii,
                             client_id, domain);
    email = g_ascii_strdown (ascii, -1);
  }
  {
    int a = range (g, 0, 99);
    int b = range (g, 0, 999);
    int c = range (g, 0, 999);

    phone = g_strdup_printf ("+34 6%02d %03d %03d", a, b, c);
  }

  sqlite3_bind_int64 (s, 1, client_id);
  sqlite3_bind_text (s, 2, name, -1, SQLITE_STATIC);
  if (company != NULL)
    sqlite3_bind_text (s, 3, company, -1, SQLITE_STATIC);
  if (chance (g, 85))
    sqlite3_bind_text (s, 4, email, -1, SQLITE_STATIC);
  if (chance (g, 70))
    sqlite3_bind_text (s, 5, phone, -1, SQLITE_STATIC);
  if (chance (g, 25))
    bind_static (s, 6, "Prefiere que le llamen por la mañana");
  bind_static (s, 7, status);
  bind_day (s, 8, g, since);
  if (chance (g, 95))
    bind_day (s, 9, g, not_before (since, -range (g, 0, 120)));
  sqlite3_bind_int (s, 10, chance (g, 80) ? 0 : range (g, 1, 4) * 15);
  if (g_strcmp0 (status, "let-go") == 0)
    bind_static (s, 11, "Pedía más de lo que podíamos prometer");
  if (!step (g, s, error))
    return FALSE;

  for (guint i = 0; i < n_promises; i++)
    {
      if (!add_promise (g, client_id, start, error))
        return FALSE;

      /* One quick win for every five promises, one conversation for four */
      if (chance (g, 20))
        {
          int achieved = -range (g, 0, start);

          s = g->quick_win;
          sqlite3_bind_int64 (s, 1, client_id);
          bind_day (s, 2, g, achieved);
          bind_static (s, 3, PICK (g, win_titles));
          if (chance (g, 70))
            bind_day (s, 4, g, not_after_today (achieved + range (g, 0, 5)));
          if (!step (g, s, error))
            return FALSE;
        }

      if (chance (g, 25))
        {
          s = g->conversation;
          sqlite3_bind_int64 (s, 1, client_id);
          bind_day (s, 2, g, -range (g, 0, start));
          bind_static (s, 3, PICK (g, channels));
          bind_static (s, 4, "Necesita la entrega antes de la feria");
          if (chance (g, 60))
            bind_static (s, 5, "Adelantamos una parte la semana que viene");
          if (!step (g, s, error))
            return FALSE;
        }
    }

  /* One client in eight had an incident, a few two or three: the same
   * cause again makes it systemic */
  n_incidents = chance (g, 12) ? (chance (g, 25) ? range (g, 2, 3) : 1) : 0;
  for (int i = 0; i < n_incidents; i++)
    {
      gint64 incident_id = g->next_incident++;
      int happened = -range (g, 0, start);
      const char *cause = last_cause != NULL && chance (g, 50) ? last_cause : PICK (g, causes);

      s = g->incident;
      sqlite3_bind_int64 (s, 1, incident_id);
      sqlite3_bind_int64 (s, 2, client_id);
      bind_day (s, 3, g, happened);
      bind_static (s, 4, "Una entrega llegó tarde y sin aviso");
      bind_static (s, 5, PICK (g, severities));
      bind_static (s, 6, PICK (g, responsibilities));
      bind_static (s, 7, cause);
      if (!step (g, s, error))
        return FALSE;
      last_cause = cause;

      if (chance (g, 60) && !add_recovery (g, client_id, incident_id, happened, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
perf_data_generate (const char  *path,
                    guint        n_clients,
                    guint        n_promises,
                    guint32      seed,
                    GError     **error)
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autofree guint *per_client = NULL;
  Generator g = { 0 };
  gboolean ok = FALSE;

  store = confianza_store_open (path, error);
  if (store == NULL)
    return FALSE;
  g_clear_object (&store);

  if (sqlite3_open_v2 (path, &g.db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path, sqlite3_errmsg (g.db));
      sqlite3_close (g.db);
      return FALSE;
    }

  g.rand = g_rand_new_with_seed (seed);
  g.dates = g_malloc (11 * N_DAYS);
  for (int day = -OLDEST_DAYS; day <= FUTURE_DAYS; day++)
    {
      g_autoptr(GDateTime) date = confianza_date_add_days (today, day);
      g_autofree char *iso = confianza_date_to_iso (date);

      g_strlcpy (g.dates + 11 * (OLDEST_DAYS + day), iso, 11);
    }

  /* Which client each promise is for: some get many, some few */
  per_client = g_new0 (guint, MAX (n_clients, 1));
  for (guint i = 0; n_clients > 0 && i < n_promises; i++)
    per_client[g_rand_int_range (g.rand, 0, (gint32) n_clients)]++;

  g.next_incident = 1;
  g.next_plan = 1;

  if (!exec (&g, "PRAGMA foreign_keys = ON; PRAGMA synchronous = OFF", error) ||
      !(g.client = prepare (&g, "INSERT INTO client (id, name, company, email, phone, notes, status, since,"
                                " last_contact, follow_up_days, let_go_reason)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error)) ||
      !(g.promise = prepare (&g, "INSERT INTO promise (client_id, title, kind, promised_on, due_on,"
                                 " has_quantity, promised_quantity, unit, delivered_on, delivered_quantity,"
                                 " extras, delivery_note, broken, broken_reason)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", error)) ||
      !(g.quick_win = prepare (&g, "INSERT INTO quick_win (client_id, achieved_on, title, shared_on)"
                                   " VALUES (?1, ?2, ?3, ?4)", error)) ||
      !(g.conversation = prepare (&g, "INSERT INTO conversation (client_id, happened_on, channel,"
                                      " client_said, agreed) VALUES (?1, ?2, ?3, ?4, ?5)", error)) ||
      !(g.incident = prepare (&g, "INSERT INTO incident (id, client_id, happened_on, description,"
                                  " severity, responsibility, cause)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error)) ||
      !(g.plan = prepare (&g, "INSERT INTO recovery_plan (id, client_id, incident_id, started_on, step,"
                              " client_said, invited_to_speak_on, acknowledged_on, apologised_on,"
                              " apology_channel, apologised_by, apology_words, compensation_declined,"
                              " guarantee_terms, guarantee_until, follow_up_every_days, follow_up_until,"
                              " follow_up_times, root_cause, corrective_measure, corrective_owner,"
                              " corrective_due, outcome, outcome_reason, closed_on)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                              " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)", error)) ||
      !(g.follow_up = prepare (&g, "INSERT INTO follow_up (plan_id, client_id, due_on, done_on, note)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5)", error)) ||
      !(g.compensation = prepare (&g, "INSERT INTO compensation (plan_id, client_id, kind, amount_cents,"
                                      " currency, description, given_on)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error)))
    goto out;

  for (guint c = 0; c < n_clients; c++)
    {
      if (c % BATCH == 0 && !exec (&g, "BEGIN", error))
        goto out;
      if (!add_client (&g, (gint64) c + 1, per_client[c], error))
        goto out;
      if ((c % BATCH == BATCH - 1 || c + 1 == n_clients) && !exec (&g, "COMMIT", error))
        goto out;
    }

  ok = exec (&g, "PRAGMA wal_checkpoint(TRUNCATE)", error);

out:
  sqlite3_finalize (g.client);
  sqlite3_finalize (g.promise);
  sqlite3_finalize (g.quick_win);
  sqlite3_finalize (g.conversation);
  sqlite3_finalize (g.incident);
  sqlite3_finalize (g.plan);
  sqlite3_finalize (g.follow_up);
  sqlite3_finalize (g.compensation);
  sqlite3_close (g.db);
  g_rand_free (g.rand);
  g_free (g.dates);

  return ok;
}

double
perf_now (void)
{
  return g_get_monotonic_time () / 1e6;
}

double
perf_peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_maxrss / 1024.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
perf_median (double *values,
             guint   n)
{
  if (n == 0)
    return 0;

  qsort (values, n, sizeof *values, compare_doubles);

  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

char *
perf_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("confianza-perf-XXXXXX", &error);

  if (dir == NULL)
    g_error ("%s", error->message);

  return dir;
}

void
perf_remove_dir (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  if (folder == NULL)
    return;

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }

  g_rmdir (dir);
}

void
perf_print_build (void)
{
  static const char * const debug_env[] = { "G_SLICE", "MALLOC_CHECK_", "MALLOC_PERTURB_" };

  printf ("# build: %s (%s)\n", PERF_BUILDTYPE,
          g_str_equal (PERF_BUILDTYPE, "release") ? "figures comparable with the README"
                                                  : "NOT a release build: figures not comparable with the README");
  for (guint i = 0; i < G_N_ELEMENTS (debug_env); i++)
    if (g_getenv (debug_env[i]) != NULL)
      printf ("# warning: %s=%s is set (a debugging allocator slows every allocation)\n",
              debug_env[i], g_getenv (debug_env[i]));
}

gboolean
perf_report (const char *what,
             double      figure,
             const char *floor_what,
             double      floor,
             const char *unit,
             double      max_ratio,
             double      max_figure)
{
  double scale = g_strcmp0 (unit, "ms") == 0 ? 1000 : 1;
  double ratio = floor > 0 ? figure / floor : 0;
  gboolean met = TRUE;

  printf ("%s: %.1f %s; floor (%s): %.1f %s; ratio %.2f", what, figure * scale, unit,
          floor_what, floor * scale, unit, ratio);
  if (max_ratio > 0)
    {
      printf ("; target ratio ≤ %.1f", max_ratio);
      met = met && floor > 0 && ratio <= max_ratio;
    }
  if (max_figure > 0)
    {
      printf ("; target ≤ %.0f %s", max_figure * scale, unit);
      met = met && figure <= max_figure;
    }
  printf (": %s\n", met ? "met" : "MISSED");
  fflush (stdout);

  return met;
}
