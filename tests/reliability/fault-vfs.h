/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A test-only SQLite VFS over the default one ("unix") that fails the Nth
 * call of one I/O method with a chosen error code, like a disk that fills up
 * or breaks. Counting and failing happen only while armed.
 */

#define FAULT_VFS_NAME "confianza-fault"

typedef enum
{
  FAULT_OP_READ,
  FAULT_OP_WRITE,
  FAULT_OP_SYNC,
  FAULT_OP_LOCK,
  FAULT_OP_TRUNCATE,
  FAULT_OP_FILE_SIZE,
  FAULT_N_OPS
} FaultOp;

/* As @error_code: kills the process with SIGKILL instead of making the
 * call (for a child of fork (): nothing is flushed, nothing is closed, and
 * not even valgrind runs anything more in it) */
#define FAULT_VFS_KILL (-1)

void        fault_vfs_register    (void);
const char *fault_op_name         (FaultOp  op);
/* @nth 0 only counts; @sticky fails every call from the Nth on (a disk
 * that stays full) */
void        fault_vfs_arm         (FaultOp  op,
                                   guint    nth,
                                   int      error_code,
                                   gboolean sticky);
void        fault_vfs_disarm      (void);
/* Calls of @op since the last arm () */
guint       fault_vfs_get_calls   (FaultOp  op);
/* Faults injected since the last arm () */
guint       fault_vfs_get_injected (void);

G_END_DECLS
