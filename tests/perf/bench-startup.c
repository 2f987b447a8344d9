/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-startup"

/*
 * The application with 10,000 clients and 100,000 promises, against the
 * same application with an empty database, each run in a fresh child
 * process (this program started again with --child):
 *
 *   bench-startup startup   time from main () to the first frame painted
 *                           of the main window; median of 5 runs of each
 *                           (target: large / empty ≤ 1.2); and the empty
 *                           database against a bare libadwaita window (a
 *                           header bar and a status page, nothing else)
 *                           started the same way (target: empty / bare
 *                           ≤ 1.5)
 *   bench-startup memory    peak resident memory once the window is shown,
 *                           the trust indexes computed and the client list
 *                           on screen (target: large ≤ 150 MiB)
 *
 * It needs a display: without one it starts itself again under xvfb-run,
 * and skips (exit 77) when there is none.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "gui/confianza-application.h"
#include "gui/confianza-window.h"

#include "perf-data.h"

#define N_CLIENTS       10000
#define N_PROMISES      100000
#define SEED            42
#define RUNS            5
#define TARGET_RATIO    1.2
#define TARGET_BARE     1.5
#define TARGET_PEAK_MIB 150.0
/* After the first frame, how long the memory run lets the application
 * work (trust indexes in their thread, the client list) before measuring */
#define SETTLE_SECONDS  3

static double start_time;
static gboolean memory_mode;

/* Children */

static gboolean
quit_idle (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));

  return G_SOURCE_REMOVE;
}

static gboolean
settled (gpointer user_data)
{
  GApplication *app = user_data;

  printf ("%.6f %.3f\n", perf_now () - start_time, perf_peak_rss_mib ());
  fflush (stdout);
  g_application_quit (app);

  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWindow     *window)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (window));

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);

  if (!memory_mode)
    {
      printf ("%.6f %.3f\n", perf_now () - start_time, perf_peak_rss_mib ());
      fflush (stdout);
      g_idle_add (quit_idle, app);
      return;
    }

  /* What a user looks at first: the list of clients */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page",
                                  g_variant_new ("(^ays)",
                                                 confianza_window_get_database_path (CONFIANZA_WINDOW (window)),
                                                 "clients"));
  g_timeout_add_seconds (SETTLE_SECONDS, settled, app);
}

static void
on_realize (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_after_paint), window, 0);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_realize (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
}

/* The floor: the least a libadwaita application shows */
static void
bare_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Clients Yet"));
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "system-users-symbolic");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 700);
  gtk_window_present (GTK_WINDOW (window));
}

static int
bare_main (void)
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.confianza.Bare", G_APPLICATION_NON_UNIQUE);
  char *argv[] = { (char *) "bare", NULL };

  g_signal_connect (app, "activate", G_CALLBACK (bare_activate), NULL);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}

static int
child_main (const char *mode,
            const char *database)
{
  g_autoptr(ConfianzaApplication) app = NULL;
  char *argv[] = { (char *) "confianza", NULL };

  start_time = perf_now ();
  memory_mode = g_strcmp0 (mode, "memory") == 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (g_strcmp0 (mode, "bare") == 0)
    return bare_main ();

  app = confianza_application_new ();
  confianza_application_set_database_path (app, database);
  /* Every run is a first instance, with or without a session bus */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}

/* The parent */

static void
measure (const char *self,
         const char *mode,
         const char *database,
         double     *seconds,
         double     *peak_mib)
{
  const char *argv[] = { self, "--child", mode, database, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    g_error ("%s", error->message);
  if (!g_spawn_check_wait_status (status, NULL) ||
      sscanf (out, "%lf %lf", seconds, peak_mib) != 2)
    g_error ("the %s run on %s failed: %s%s", mode, database, out, err);
}

static int
rerun_with_display (int    argc,
                    char **argv)
{
  g_autofree char *xvfb_run = g_find_program_in_path ("xvfb-run");
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) args = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (xvfb_run == NULL)
    {
      printf ("SKIP: no display, and no xvfb-run to make one (install xvfb)\n");
      return 77;
    }

  builder = g_strv_builder_new ();
  g_strv_builder_add_many (builder, xvfb_run, "-a", "-s", "-screen 0 1280x1024x24", NULL);
  for (int i = 0; i < argc; i++)
    g_strv_builder_add (builder, argv[i]);
  args = g_strv_builder_end (builder);

  if (!g_spawn_sync (NULL, args, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     NULL, NULL, &status, &error))
    g_error ("%s", error->message);

  return WIFEXITED (status) ? WEXITSTATUS (status) : 1;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *large = NULL;
  g_autofree char *empty = NULL;
  g_autoptr(GError) error = NULL;
  const char *mode;
  double large_s[RUNS], empty_s[RUNS], large_mib[RUNS], empty_mib[RUNS];
  double bare_s[RUNS], bare_mib[RUNS];
  double start;
  gboolean ok;

  if (argc == 4 && g_strcmp0 (argv[1], "--child") == 0)
    return child_main (argv[2], argv[3]);

  mode = argc > 1 ? argv[1] : "startup";
  if (g_strcmp0 (mode, "startup") != 0 && g_strcmp0 (mode, "memory") != 0)
    {
      fprintf (stderr, "Usage: %s [startup|memory]\n", argv[0]);
      return 2;
    }

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    return rerun_with_display (argc, argv);

  perf_print_build ();

  dir = perf_make_dir ();
  large = g_build_filename (dir, "large.db", NULL);
  empty = g_build_filename (dir, "empty.db", NULL);

  start = perf_now ();
  if (!perf_data_generate (large, N_CLIENTS, N_PROMISES, SEED, &error) ||
      !perf_data_generate (empty, 0, 0, SEED, &error))
    g_error ("%s", error->message);
  printf ("# generated %d clients, %d promises in %.2f s\n", N_CLIENTS, N_PROMISES, perf_now () - start);

  /* Interleaved, so that a busy moment of the machine weighs on both */
  for (guint i = 0; i < RUNS; i++)
    {
      measure (argv[0], mode, large, &large_s[i], &large_mib[i]);
      measure (argv[0], mode, empty, &empty_s[i], &empty_mib[i]);
      bare_s[i] = bare_mib[i] = 0;
      if (g_strcmp0 (mode, "startup") == 0)
        measure (argv[0], "bare", empty, &bare_s[i], &bare_mib[i]);
      printf ("# run %u: large %.3f s (%.1f MiB), empty %.3f s (%.1f MiB), bare window %.3f s (%.1f MiB)\n",
              i + 1, large_s[i], large_mib[i], empty_s[i], empty_mib[i], bare_s[i], bare_mib[i]);
    }

  if (g_strcmp0 (mode, "startup") == 0)
    {
      double figure = perf_median (large_s, RUNS);
      double floor = perf_median (empty_s, RUNS);
      double bare = perf_median (bare_s, RUNS);
      g_autofree char *what = g_strdup_printf ("start-up to the first frame, %d clients and %d promises (median of %d)",
                                               N_CLIENTS, N_PROMISES, RUNS);

      ok = perf_report (what, figure, "empty database", floor, "ms", TARGET_RATIO, 0);
      ok = perf_report ("start-up to the first frame, empty database", floor,
                        "a bare libadwaita window: header bar and status page", bare, "ms",
                        TARGET_BARE, 0) && ok;
    }
  else
    {
      double figure = perf_median (large_mib, RUNS);
      double floor = perf_median (empty_mib, RUNS);
      g_autofree char *what = g_strdup_printf ("peak resident memory, %d clients, window shown, trust computed, "
                                               "client list on screen (median of %d)", N_CLIENTS, RUNS);

      ok = perf_report (what, figure, "empty database", floor, "MiB", 0, TARGET_PEAK_MIB);
    }

  perf_remove_dir (dir);

  return ok ? 0 : 1;
}
