/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-demo"

#include "config.h"

#include "confianza-demo.h"
#include "confianza-store-recovery.h"

typedef struct
{
  const char           *name;
  const char           *company;
  const char           *email;
  const char           *phone;
  ConfianzaClientStatus status;
  int                   since;        /* days before today */
  int                   follow_up;    /* days, 0 = default */
} DemoClient;

/* Promise outcomes are given by dates: delivered < 0 means not delivered. */
typedef struct
{
  int         client;
  const char *title;
  const char *kind;
  int         promised;     /* days before today */
  int         due;          /* days from today (negative: in the past) */
  int         delivered;    /* days from today, or NO_DELIVERY */
  double      quantity;     /* 0: no quantity */
  const char *unit;
  double      delivered_quantity;
  const char *extras;
  const char *broken_reason;
} DemoPromise;

#define NO_DELIVERY G_MININT

static const DemoClient clients[] = {
  { "Carmen Ruiz", "Panadería Ruiz", "carmen@panaderiaruiz.es", "+34 954 21 33 10", CONFIANZA_CLIENT_STATUS_ACTIVE, 420, 0 },
  { "Javier Morales", "Clínica Dental Sonrisas", "javier@clinicasonrisas.es", "+34 912 44 80 21", CONFIANZA_CLIENT_STATUS_ACTIVE, 300, 21 },
  { "Lucía Ferrer", "Bodegas Valdeflores", "lucia.ferrer@valdeflores.es", "+34 941 22 67 45", CONFIANZA_CLIENT_STATUS_RECOVERING, 95, 7 },
  { "Marta Sánchez", "Librería El Gato Azul", "marta@elgatoazul.es", "+34 963 50 12 77", CONFIANZA_CLIENT_STATUS_ACTIVE, 610, 0 },
  { "Andrés Beltrán", "Hotel Mirador del Sur", "reservas@miradordelsur.es", "+34 958 61 09 32", CONFIANZA_CLIENT_STATUS_ACTIVE, 180, 14 },
  { "Raúl Ortega", "Gimnasio Fuerza Total", "raul@fuerzatotal.es", "+34 976 30 45 18", CONFIANZA_CLIENT_STATUS_AT_RISK, 70, 0 },
  { "Antonio López", "Frutas Hermanos López", "pedidos@frutaslopez.es", "+34 968 27 84 02", CONFIANZA_CLIENT_STATUS_ACTIVE, 830, 45 },
  { "Elena Navarro", "Academia de Idiomas Babel", "elena@academiababel.es", "+34 983 19 56 40", CONFIANZA_CLIENT_STATUS_RECOVERED, 365, 0 },
  { "Sergio Prieto", "Cervecería La Espiga", "sergio@laespiga.es", "+34 985 11 72 63", CONFIANZA_CLIENT_STATUS_ACTIVE, 40, 0 },
  { "Beatriz Molina", "Molina & Vidal Arquitectura", "beatriz@molinavidal.es", "+34 933 02 58 14", CONFIANZA_CLIENT_STATUS_ACTIVE, 250, 30 },
  { "Rosa Delgado", "Floristería Jazmín", "rosa@floristeriajazmin.es", "+34 957 48 20 91", CONFIANZA_CLIENT_STATUS_ACTIVE, 150, 0 },
  { "Pablo Gil", "Taller Hermanos Gil", "taller@hermanosgil.es", "+34 945 66 31 08", CONFIANZA_CLIENT_STATUS_LOST, 500, 0 },
};

static const DemoPromise promises[] = {
  /* Panadería Ruiz: a reliable history, overdelivered more than once. */
  { 0, "Logotipo renovado", "logotipo", 120, -100, -104, 3, "propuestas", 4, "Versión en blanco y negro para el horno", NULL },
  { 0, "Carta de productos para el mostrador", "cartelería", 80, -60, -60, 0, NULL, 0, NULL, NULL },
  { 0, "Fotos de producto para la web", "fotografía", 45, -30, -33, 20, "fotos", 26, NULL, NULL },
  { 0, "Campaña de Navidad en redes", "redes sociales", 10, 0, NO_DELIVERY, 8, "publicaciones", 0, NULL, NULL },
  /* Clínica Dental Sonrisas */
  { 1, "Folleto de tratamientos", "folleto", 90, -70, -72, 0, NULL, 0, NULL, NULL },
  { 1, "Rediseño de la página de inicio", "web", 60, -35, -30, 0, NULL, 0, NULL, NULL },
  { 1, "Tarjetas de cita", "cartelería", 20, 3, NO_DELIVERY, 500, "tarjetas", 0, NULL, NULL },
  /* Bodegas Valdeflores: the client in trouble. */
  { 2, "Catálogo para la feria de Burdeos", "catálogo", 80, -50, -41, 24, "páginas", 24, NULL, NULL },
  { 2, "Etiquetas de la nueva cosecha", "etiquetas", 45, -20, NO_DELIVERY, 6, "diseños", 0, NULL, "El proveedor de papel no llegó a tiempo y no avisamos a la clienta." },
  { 2, "Catálogo corregido, sin coste", "catálogo", 12, -2, -4, 24, "páginas", 24, "Versión digital para enviar por correo", NULL },
  { 2, "Propuesta de etiquetas revisada", "etiquetas", 6, 4, NO_DELIVERY, 6, "diseños", 0, NULL, NULL },
  /* Librería El Gato Azul */
  { 3, "Cartel del club de lectura", "cartelería", 150, -140, -140, 0, NULL, 0, NULL, NULL },
  { 3, "Boletín mensual de novedades", "boletín", 40, -25, -26, 0, NULL, 0, "Plantilla reutilizable para los próximos meses", NULL },
  { 3, "Marcapáginas para la Feria del Libro", "cartelería", 15, -1, NO_DELIVERY, 1000, "marcapáginas", 0, NULL, NULL },
  /* Hotel Mirador del Sur */
  { 4, "Sesión de fotos de las habitaciones", "fotografía", 100, -80, -83, 40, "fotos", 55, NULL, NULL },
  { 4, "Textos de la web en inglés", "web", 50, -30, -26, 0, NULL, 0, NULL, NULL },
  { 4, "Menú del restaurante", "cartelería", 9, 5, NO_DELIVERY, 0, NULL, 0, NULL, NULL },
  /* Gimnasio Fuerza Total: at risk. */
  { 5, "Vídeo promocional", "vídeo", 60, -25, -15, 1, "vídeo", 1, NULL, NULL },
  { 5, "Calendario de clases", "cartelería", 20, -6, NO_DELIVERY, 0, NULL, 0, NULL, NULL },
  /* Frutas Hermanos López */
  { 6, "Cajas con la nueva imagen", "packaging", 200, -170, -171, 3, "modelos", 3, NULL, NULL },
  { 6, "Furgoneta rotulada", "rotulación", 70, -40, -40, 0, NULL, 0, NULL, NULL },
  /* Academia de Idiomas Babel: recovered after an incident last year. */
  { 7, "Campaña de matrícula de septiembre", "redes sociales", 130, -110, -112, 12, "publicaciones", 15, "Vídeo corto para Instagram", NULL },
  { 7, "Certificados para los alumnos", "diseño", 35, -14, -14, 0, NULL, 0, NULL, NULL },
  /* Cervecería La Espiga: new client, first promises. */
  { 8, "Posavasos con el logotipo", "cartelería", 30, -10, -12, 2000, "posavasos", 2000, NULL, NULL },
  { 8, "Pizarra de cervezas de temporada", "cartelería", 7, 0, NO_DELIVERY, 0, NULL, 0, NULL, NULL },
  /* Molina & Vidal Arquitectura */
  { 9, "Dosier de proyectos", "catálogo", 75, -45, -47, 30, "páginas", 32, NULL, NULL },
  { 9, "Maqueta de la nueva web", "web", 25, 10, NO_DELIVERY, 0, NULL, 0, NULL, NULL },
  { 9, "Renders del patio interior", "renders", 40, -15, -10, 4, "renders", 4, NULL, NULL },
  /* Floristería Jazmín */
  { 10, "Tarjetas para los ramos", "cartelería", 40, -28, -29, 300, "tarjetas", 300, NULL, NULL },
  { 10, "Campaña de San Valentín", "redes sociales", 12, 2, NO_DELIVERY, 6, "publicaciones", 0, NULL, NULL },
  /* Taller Hermanos Gil: lost. */
  { 11, "Rótulo de la fachada", "rotulación", 160, -130, -115, 0, NULL, 0, NULL, NULL },
  { 11, "Folletos de revisión de invierno", "folleto", 100, -75, NO_DELIVERY, 2000, "folletos", 0, NULL, "Se nos pasó la fecha de imprenta." },
};

/* A promise's date changed: @title's promise, told @told days from today
 * (before its delivery is recorded), moved to @new_due days from today */
typedef struct
{
  const char *title;
  int         told;
  int         new_due;
  gboolean    agreed;
  const char *reason;
} DemoRenegotiation;

static const DemoRenegotiation renegotiations[] = {
  /* Told in time and agreed, then kept: "Kept (renegotiated)" */
  { "Renders del patio interior", -18, -10, TRUE, "El estudio cambió los materiales del patio; avisamos antes de la fecha." },
  /* Told in time and agreed, still open */
  { "Maqueta de la nueva web", -1, 14, TRUE, "Faltan las fotos de las obras terminadas." },
  /* Told after the date passed: the promise stays overdue */
  { "Calendario de clases", -2, 3, TRUE, "Se nos pasó avisar: el horario nuevo aún no estaba cerrado." },
  /* A correction (told is the day it was corrected): the date was
   * written down wrong */
  { "Menú del restaurante", -3, 6, FALSE, "Se apuntó el día 5 en vez del 6 que acordamos." },
};

typedef struct
{
  int         client;
  const char *title;
  int         achieved;   /* days before today */
  int         shared;     /* days before today, -1 = not shared */
} DemoQuickWin;

static const DemoQuickWin quick_wins[] = {
  { 0, "Las visitas a la web subieron un 30 % con las nuevas fotos", 25, 24 },
  { 1, "Primera cita pedida desde el formulario nuevo", 28, 27 },
  { 2, "Catálogo digital enviado a 40 importadores", 3, 2 },
  { 2, "Primer pedido de un importador francés tras la feria", 1, -1 },
  { 4, "Reservas directas al alza desde que hay fotos nuevas", 60, 58 },
  { 7, "Matrícula de septiembre completa", 100, 98 },
  { 8, "Los posavasos ya se ven en las fotos de los clientes", 8, -1 },
  { 9, "El dosier consiguió una entrevista para un concurso", 40, 39 },
};

typedef struct
{
  int              client;
  int              days_ago;
  ConfianzaChannel channel;
  const char      *said;
  const char      *agreed;
} DemoConversation;

static const DemoConversation conversations[] = {
  { 0, 12, CONFIANZA_CHANNEL_IN_PERSON, "Le encantan las fotos, dice que por fin la web parece suya.", "Preparar la campaña de Navidad con ocho publicaciones." },
  { 1, 18, CONFIANZA_CHANNEL_CALL, "Los pacientes no encuentran el botón de pedir cita en el móvil.", "Moverlo arriba en la nueva página de inicio." },
  { 2, 40, CONFIANZA_CHANNEL_CALL, "«Llegamos a la feria sin catálogo. Quedamos fatal con los importadores.»", "Escucharla primero; llamarla mañana con una propuesta." },
  { 2, 5, CONFIANZA_CHANNEL_VIDEO, "Reconoce que el catálogo corregido está muy bien, pero aún está dolida.", "Seguimiento cada semana hasta la cosecha." },
  { 5, 50, CONFIANZA_CHANNEL_EMAIL, "Pregunta por qué el vídeo tarda tanto.", "Entrega en diez días, sin más retrasos." },
  { 6, 60, CONFIANZA_CHANNEL_MESSAGE, "Contento con la furgoneta, la ven en todo el mercado.", "" },
  { 8, 9, CONFIANZA_CHANNEL_IN_PERSON, "Quiere una pizarra que se pueda cambiar cada temporada.", "Diseño modular, entrega en una semana." },
  { 10, 30, CONFIANZA_CHANNEL_CALL, "Necesita tener la campaña de San Valentín con margen.", "Prometimos seis publicaciones para dentro de dos semanas." },
};

/* Would they recommend us, from 0 to 10: most clients answered, some twice,
 * so that before and after a recovery can be compared, and enough of them
 * for the portfolio's NPS */
typedef struct
{
  int         client;
  int         days_ago;
  int         score;
  const char *comment;
} DemoRecommendation;

static const DemoRecommendation recommendations[] = {
  { 0, 20, 10, "Ya se lo he dicho a dos panaderías del barrio." },
  { 1, 25, 8, "Bien, aunque el formulario de citas tardó en llegar." },
  { 2, 38, 3, "Ahora mismo no os recomendaría: lo de la feria nos dejó en mal lugar." },
  { 2, 3, 6, "El catálogo corregido está muy bien; quiere ver cómo salen las etiquetas." },
  { 3, 60, 9, NULL },
  { 4, 55, 9, "Las fotos nuevas se notan en las reservas." },
  { 5, 45, 5, "El vídeo llegó tarde y sin avisar." },
  { 6, 90, 10, NULL },
  { 7, 295, 5, "Tuvo que dar explicaciones a las familias en la puerta." },
  { 7, 200, 9, "Lo arreglasteis rápido y ahora reviso cada cartel antes: así da gusto." },
  { 9, 35, 9, NULL },
  { 10, 28, 7, "Contenta, pero necesita más margen con las campañas." },
  { 11, 100, 2, "No volvería a contar con vosotros después de lo de los folletos." },
};

static GDateTime *
day (GDateTime *today,
     int        offset)
{
  return confianza_date_add_days (today, offset);
}

/* Ticks off the plan's follow-ups due before today, the way the user
 * would: on their day, with a note; the one due @late_days before today
 * (0: none) a day late. */
static gboolean
tick_off_follow_ups (ConfianzaStore         *store,
                     GDateTime              *today,
                     ConfianzaRecoveryPlan  *plan,
                     int                     late_days,
                     const char             *note,
                     GError                **error)
{
  g_autoptr(GListModel) follow_ups = confianza_store_get_follow_ups (store, confianza_recovery_plan_get_id (plan));
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);

  /* Copies: saving changes the live list under the loop. */
  for (guint i = 0; i < g_list_model_get_n_items (follow_ups); i++)
    {
      g_autoptr(ConfianzaFollowUp) follow_up = g_list_model_get_item (follow_ups, i);

      if (confianza_date_compare (confianza_follow_up_get_due_on (follow_up), today) < 0)
        g_ptr_array_add (due, confianza_follow_up_copy (follow_up));
    }

  for (guint i = 0; i < due->len; i++)
    {
      ConfianzaFollowUp *follow_up = g_ptr_array_index (due, i);
      GDateTime *due_on = confianza_follow_up_get_due_on (follow_up);
      g_autoptr(GDateTime) done = confianza_date_add_days (due_on,
                                                           confianza_date_days_between (due_on, today) == late_days ? 1 : 0);

      confianza_follow_up_set_done_on (follow_up, done);
      confianza_follow_up_set_note (follow_up, note);
      if (!confianza_store_save_follow_up (store, follow_up, error))
        return FALSE;
    }

  return TRUE;
}

/* The guarantee's promise as if the plan had been saved on @promised_on
 * (and, when @kept_on is set, the guarantee marked kept that day). */
static gboolean
date_guarantee (ConfianzaStore         *store,
                ConfianzaRecoveryPlan  *plan,
                GDateTime              *promised_on,
                GDateTime              *kept_on,
                GError                **error)
{
  g_autoptr(ConfianzaPromise) promise = NULL;

  promise = confianza_store_get_promise (store, confianza_recovery_plan_get_guarantee_promise_id (plan), error);
  if (promise == NULL)
    return FALSE;

  confianza_promise_set_promised_on (promise, promised_on);
  confianza_promise_set_delivered_on (promise, kept_on);

  return confianza_store_save_promise (store, promise, error);
}

static gboolean
fill_recovery (ConfianzaStore   *store,
               GDateTime        *today,
               gint64            client_id,
               GError          **error)
{
  g_autoptr(GDateTime) incident_day = day (today, -41);
  g_autoptr(ConfianzaIncident) incident = NULL;
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(ConfianzaRecoveryDraft) draft = NULL;
  g_autoptr(ConfianzaCompensation) compensation = NULL;
  g_autoptr(GDateTime) d1 = day (today, -40);
  g_autoptr(GDateTime) d2 = day (today, -39);
  g_autoptr(GDateTime) until = day (today, 30);
  g_autoptr(GDateTime) guarantee_until = day (today, 180);
  g_autoptr(GDateTime) measure_due = day (today, 3);

  incident = confianza_incident_new (client_id, incident_day,
                                     "El catálogo para la feria de Burdeos llegó nueve días tarde: la clienta fue a la feria sin él.");
  confianza_incident_set_severity (incident, CONFIANZA_SEVERITY_SERIOUS);
  confianza_incident_set_responsibility (incident, CONFIANZA_RESPONSIBILITY_OURS);
  confianza_incident_set_cause (incident, "Plazos");
  if (!confianza_store_save_incident (store, incident, error))
    return FALSE;

  plan = confianza_recovery_plan_new (client_id, confianza_incident_get_id (incident), d1);
  /* Under way: listened, apologised, refunded, guarantee given, now the
   * special follow-up (the wizard's fifth page). */
  confianza_recovery_plan_set_step (plan, 4);
  confianza_recovery_plan_set_client_said (plan, "Llegamos a la feria sin catálogo. Quedamos fatal con los importadores.");
  confianza_recovery_plan_set_invited_to_speak_on (plan, d1);
  confianza_recovery_plan_set_acknowledged_on (plan, d1);
  /* Judged frankly at step 1: trust can come back, but she will look at
   * everything "con lupa" for a while; hence the weekly follow-up */
  confianza_recovery_plan_set_trust_judgement (plan, CONFIANZA_JUDGEMENT_DOUBTFUL);
  confianza_recovery_plan_set_apologised_on (plan, d2);
  confianza_recovery_plan_set_apology_channel (plan, CONFIANZA_CHANNEL_IN_PERSON);
  confianza_recovery_plan_set_apologised_by (plan, "Ana (directora)");
  confianza_recovery_plan_set_apology_words (plan, "Fue un error nuestro y lo sentimos de verdad. No volverá a pasar.");
  confianza_recovery_plan_set_guarantee_terms (plan, "Si otra entrega llega tarde, ese trabajo es gratis.");
  confianza_recovery_plan_set_guarantee_until (plan, guarantee_until);
  confianza_recovery_plan_set_follow_up_every_days (plan, 7);
  confianza_recovery_plan_set_follow_up_until (plan, until);
  /* The cause is known; its measure, due in three days, waits on Today */
  confianza_recovery_plan_set_root_cause (plan, "Nadie vigilaba la fecha de la imprenta: el encargo se hizo sin margen.");
  confianza_recovery_plan_set_corrective_measure (plan, "Cada encargo a la imprenta lleva una semana de margen y un aviso en el calendario.");
  confianza_recovery_plan_set_corrective_owner (plan, "Ana");
  confianza_recovery_plan_set_corrective_due (plan, measure_due);
  draft = confianza_recovery_draft_new (plan);

  compensation = confianza_compensation_new (0, client_id, CONFIANZA_COMPENSATION_REFUND);
  confianza_compensation_set_amount_cents (compensation, 45000);
  confianza_compensation_set_currency (compensation, "EUR");
  confianza_compensation_set_description (compensation, "Devolución del importe del catálogo");
  confianza_compensation_set_given_on (compensation, d2);
  confianza_recovery_draft_add_compensation (draft, compensation);

  /* Saved as the wizard saves it: the weekly follow-ups and the
   * guarantee's promise come with it. */
  if (!confianza_store_save_recovery (store, draft, error) ||
      !date_guarantee (store, plan, d2, NULL, error))
    return FALSE;

  return tick_off_follow_ups (store, today, plan, 19, "Llamada de seguimiento: todo en marcha.", error);
}

/* A recovery that went well, months ago: the client came back. */
static gboolean
fill_finished_recovery (ConfianzaStore  *store,
                        GDateTime       *today,
                        gint64           client_id,
                        GError         **error)
{
  g_autoptr(GDateTime) incident_day = day (today, -300);
  g_autoptr(GDateTime) next_day = day (today, -299);
  g_autoptr(GDateTime) closed = day (today, -230);
  g_autoptr(GDateTime) guarantee_until = day (today, -120);
  g_autoptr(GDateTime) corrective_due = day (today, -280);
  g_autoptr(GDateTime) corrective_applied_on = day (today, -281);
  g_autoptr(ConfianzaIncident) incident = NULL;
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(ConfianzaRecoveryDraft) draft = NULL;
  g_autoptr(ConfianzaCompensation) compensation = NULL;

  incident = confianza_incident_new (client_id, incident_day,
                                     "Los carteles de las clases de prueba salieron con el horario equivocado y vinieron alumnos a la hora que no era.");
  confianza_incident_set_severity (incident, CONFIANZA_SEVERITY_MINOR);
  confianza_incident_set_responsibility (incident, CONFIANZA_RESPONSIBILITY_OURS);
  confianza_incident_set_cause (incident, "Comunicación");
  if (!confianza_store_save_incident (store, incident, error))
    return FALSE;

  plan = confianza_recovery_plan_new (client_id, confianza_incident_get_id (incident), incident_day);
  confianza_recovery_plan_set_step (plan, 6);
  confianza_recovery_plan_set_client_said (plan, "Tuve que dar explicaciones a seis familias en la puerta.");
  confianza_recovery_plan_set_invited_to_speak_on (plan, incident_day);
  confianza_recovery_plan_set_acknowledged_on (plan, incident_day);
  confianza_recovery_plan_set_trust_judgement (plan, CONFIANZA_JUDGEMENT_YES);
  confianza_recovery_plan_set_apologised_on (plan, next_day);
  confianza_recovery_plan_set_apology_channel (plan, CONFIANZA_CHANNEL_IN_PERSON);
  confianza_recovery_plan_set_apologised_by (plan, "Ana (directora)");
  confianza_recovery_plan_set_guarantee_terms (plan, "Revisión de cada cartel con la academia antes de imprimir, sin coste.");
  confianza_recovery_plan_set_guarantee_until (plan, guarantee_until);
  confianza_recovery_plan_set_follow_up_every_days (plan, 14);
  confianza_recovery_plan_set_follow_up_times (plan, 4);
  confianza_recovery_plan_set_root_cause (plan, "El horario se copió de una versión antigua del documento.");
  confianza_recovery_plan_set_corrective_measure (plan, "Una sola fuente de horarios, aprobada por el cliente antes de diseñar.");
  confianza_recovery_plan_set_corrective_owner (plan, "Ana");
  confianza_recovery_plan_set_corrective_due (plan, corrective_due);
  /* Applied a day early: the index credits it from that day */
  confianza_recovery_plan_set_corrective_applied_on (plan, corrective_applied_on);
  confianza_recovery_plan_set_outcome (plan, CONFIANZA_PLAN_RECOVERED);
  confianza_recovery_plan_set_closed_on (plan, closed);
  draft = confianza_recovery_draft_new (plan);

  compensation = confianza_compensation_new (0, client_id, CONFIANZA_COMPENSATION_CREDIT);
  confianza_compensation_set_amount_cents (compensation, 12000);
  confianza_compensation_set_currency (compensation, "EUR");
  confianza_compensation_set_description (compensation, "Descuento en la siguiente campaña");
  confianza_compensation_set_given_on (compensation, next_day);
  confianza_recovery_draft_add_compensation (draft, compensation);

  /* The guarantee was kept to its end. */
  if (!confianza_store_save_recovery (store, draft, error) ||
      !date_guarantee (store, plan, next_day, guarantee_until, error))
    return FALSE;

  return tick_off_follow_ups (store, today, plan, 0, "Todo bien: los nuevos carteles, revisados a tiempo.", error);
}

gboolean
confianza_demo_fill (ConfianzaStore  *store,
                     GDateTime       *today,
                     GError         **error)
{
  gint64 ids[G_N_ELEMENTS (clients)];

  g_return_val_if_fail (CONFIANZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autoptr(ConfianzaClient) client = confianza_client_new (clients[i].name);
      g_autoptr(GDateTime) since = day (today, -clients[i].since);

      confianza_client_set_company (client, clients[i].company);
      confianza_client_set_email (client, clients[i].email);
      confianza_client_set_phone (client, clients[i].phone);
      confianza_client_set_status (client, clients[i].status);
      confianza_client_set_since (client, since);
      confianza_client_set_follow_up_days (client, clients[i].follow_up);
      if (!confianza_store_save_client (store, client, error))
        return FALSE;
      ids[i] = confianza_client_get_id (client);
    }

  for (guint i = 0; i < G_N_ELEMENTS (promises); i++)
    {
      const DemoPromise *p = &promises[i];
      g_autoptr(GDateTime) promised = day (today, -p->promised);
      g_autoptr(GDateTime) due = day (today, p->due);
      g_autoptr(ConfianzaPromise) promise =
        confianza_promise_new (ids[p->client], p->title, promised, due);

      confianza_promise_set_kind (promise, p->kind);
      if (p->quantity > 0)
        {
          confianza_promise_set_has_quantity (promise, TRUE);
          confianza_promise_set_promised_quantity (promise, p->quantity);
          confianza_promise_set_unit (promise, p->unit);
        }
      for (guint r = 0; r < G_N_ELEMENTS (renegotiations); r++)
        {
          const DemoRenegotiation *n = &renegotiations[r];
          g_autoptr(GDateTime) told = NULL;
          g_autoptr(GDateTime) new_due = NULL;
          g_autoptr(ConfianzaPromiseStep) step = NULL;
          g_autoptr(ConfianzaPromise) moved = NULL;

          if (g_strcmp0 (n->title, p->title) != 0)
            continue;
          if (!confianza_store_save_promise (store, promise, error))
            return FALSE;
          told = day (today, n->told);
          new_due = day (today, n->new_due);
          /* Recorded the day the client was told; a correction is the
           * one not agreed with the client here */
          if (n->agreed)
            step = confianza_store_renegotiate_promise (store, confianza_promise_get_id (promise), new_due,
                                                        told, n->agreed, n->reason, told, NULL, error);
          else
            step = confianza_store_correct_promise (store, confianza_promise_get_id (promise), new_due,
                                                    n->reason, told, NULL, error);
          if (step == NULL)
            return FALSE;
          moved = confianza_store_get_promise (store, confianza_promise_get_id (promise), error);
          if (moved == NULL)
            return FALSE;
          g_set_object (&promise, moved);
        }
      if (p->delivered != NO_DELIVERY)
        {
          g_autoptr(GDateTime) delivered = day (today, p->delivered);

          confianza_promise_set_delivered_on (promise, delivered);
          confianza_promise_set_delivered_quantity (promise, p->delivered_quantity);
          confianza_promise_set_extras (promise, p->extras);
        }
      if (p->broken_reason != NULL)
        {
          confianza_promise_set_broken (promise, TRUE);
          confianza_promise_set_broken_reason (promise, p->broken_reason);
        }
      if (!confianza_store_save_promise (store, promise, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (quick_wins); i++)
    {
      g_autoptr(GDateTime) achieved = day (today, -quick_wins[i].achieved);
      g_autoptr(ConfianzaQuickWin) win =
        confianza_quick_win_new (ids[quick_wins[i].client], quick_wins[i].title, achieved);

      if (quick_wins[i].shared >= 0)
        {
          g_autoptr(GDateTime) shared = day (today, -quick_wins[i].shared);
          confianza_quick_win_set_shared_on (win, shared);
        }
      if (!confianza_store_save_quick_win (store, win, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (conversations); i++)
    {
      g_autoptr(GDateTime) when = day (today, -conversations[i].days_ago);
      g_autoptr(ConfianzaConversation) conversation =
        confianza_conversation_new (ids[conversations[i].client], when, conversations[i].channel);

      confianza_conversation_set_client_said (conversation, conversations[i].said);
      confianza_conversation_set_agreed (conversation, conversations[i].agreed);
      if (!confianza_store_save_conversation (store, conversation, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (recommendations); i++)
    {
      const DemoRecommendation *r = &recommendations[i];
      g_autoptr(GDateTime) when = day (today, -r->days_ago);
      g_autoptr(ConfianzaRecommendation) answer =
        confianza_recommendation_new (ids[r->client], r->score, when);

      confianza_recommendation_set_comment (answer, r->comment);
      if (!confianza_store_save_recommendation (store, answer, error))
        return FALSE;
    }

  return fill_recovery (store, today, ids[2], error) &&
         fill_finished_recovery (store, today, ids[7], error);
}
