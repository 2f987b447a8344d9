/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of src/export/ only: the safe-file rules of every
 * file Confianza writes (confianza-report.h, "Files") */

#include <glib.h>

G_BEGIN_DECLS

/* Everything that can be said about the target before any work is done */
gboolean  check_target    (const char  *database_path,
                           const char  *output_path,
                           GError     **error);
/* A hidden temporary file beside @output_path, mode 0600 */
char     *make_temporary  (const char  *output_path,
                           const char  *folder,
                           GError     **error);
/* Checks again, then flushes and renames @temporary over @output_path */
gboolean  move_into_place (const char  *temporary,
                           const char  *output_path,
                           const char  *folder,
                           const char  *database_path,
                           GError     **error);

G_END_DECLS
