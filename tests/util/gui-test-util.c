/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "gui-test-util.h"

void
confianza_test_gui_init (int    *argc,
                         char ***argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Not gtk_test_init (): it would die on a trap without a display, and
   * it sets a locale of its own, where these tests run in C and Spanish */
  g_test_init (argc, argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display to open (DISPLAY=%s, WAYLAND_DISPLAY=%s): "
              "run the interface tests under xvfb-run\n",
              g_getenv ("DISPLAY") ? g_getenv ("DISPLAY") : "",
              g_getenv ("WAYLAND_DISPLAY") ? g_getenv ("WAYLAND_DISPLAY") : "");
      exit (0);
    }

  adw_init ();
}

void
confianza_test_spin (void)
{
  for (int i = 0; i < 50; i++)
    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
}
