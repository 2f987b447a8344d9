/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * Starts GTK and libadwaita for an in-process interface test, in the
 * translations as built. Without a display it prints a TAP plan that
 * skips the whole program, saying why, and exits 0: never a trap.
 */
void confianza_test_gui_init (int    *argc,
                              char ***argv);

/* Lets GTK lay out, map and run its idle handlers. */
void confianza_test_spin     (void);

G_END_DECLS
