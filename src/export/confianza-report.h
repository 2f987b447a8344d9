/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "model/confianza-recovery-words.h"
#include "store/confianza-store.h"

G_BEGIN_DECLS

/*
 * Reports to Excel (XLSX)
 * =======================
 *
 * Two workbooks, written with libxlsxwriter:
 *
 *  - the client report, meant to be sent to the client: a summary with a
 *    chart of promises by outcome per month, the promise ledger, the quick
 *    wins, the recovery plan (only what was done for the client: never the
 *    internal analysis, internal notes or the trust index) and the data we
 *    keep about them;
 *  - the portfolio report, for ourselves: every client with status, trust
 *    index, on-time rate, buffer, overdue promises and last contact; the
 *    incidents with their systemic flag; compensation paid by currency; the
 *    recovery plans and their progress; the on-time rate per month.
 *
 * The period
 * ----------
 * @from and @to are dates (confianza-date.h), both included; NULL means no
 * limit on that side. A promise belongs to the period when its due date is
 * in it (a promise is kept or broken when it falls due, so that is the
 * month it counts for; one without a due date uses the day it was made).
 * Quick wins count by the day they were achieved, incidents by the day they
 * happened, compensations by the day they were given, and a recovery plan
 * when it was under way at some time in the period (started on or before
 * @to and not closed before @from). Outcomes, the overdue count and the
 * trust index are as of today; the trust index always uses the whole
 * history, since it says where the relationship stands now.
 *
 * The on-time rate is the share of settled promises (delivered or broken)
 * that were kept or overdelivered; with none settled the cell says "—"
 * instead of a number. The recovery steps done (of 6, source 001) are:
 * listened (acknowledged or invited to speak), apologised, consequences
 * taken (a compensation given, or none needed), a special guarantee, a
 * special follow-up done, and the internal analysis (root cause and
 * corrective measure).
 *
 * Files
 * -----
 * Dates are real date cells shown with Excel's built-in short date format
 * (number 14), which spreadsheet programs show in their user's own way
 * (dd/mm/aaaa in Spanish); numbers, percentages and money are numbers with
 * a number format. Text is always written as text, never as a formula,
 * whatever it starts with, and made clean first (confianza-text.h: valid
 * UTF-8 without the controls and noncharacters that XML forbids, which
 * would make the workbook unreadable). The file is the same in every
 * locale: libxlsxwriter writes numbers with the C library, so the
 * whole workbook is built under a thread-local "C" LC_NUMERIC.
 *
 * The workbook is written to a hidden temporary file in the target folder
 * (libxlsxwriter's own temporary files go there too) and renamed over
 * @output_path only when it is complete, then the folder is flushed: on any
 * failure nothing is left behind and an existing file of that name is
 * untouched. A report holds clients' personal data: it is readable only by
 * its owner (mode 0600, or the stricter mode of the file it replaces).
 *
 * A report never replaces records (CONFIANZA_REPORT_ERROR_PROTECTED,
 * before anything is read or written): not the database at @database_path
 * under any name (another spelling of its path, a symbolic or a hard link:
 * existing files are compared by device and inode), nor its "-wal", "-shm"
 * or "-journal" file, even one that does not exist yet, nor any existing
 * file that is an SQLite database, log or journal (its first bytes say so),
 * which covers every backup whatever its name.
 *
 * Threads
 * -------
 * Both writers take plain values and open their own connection to the
 * database at @database_path (the store is not thread-safe), so they can
 * run in a GTask thread while the interface keeps its own store. They never
 * create a database: a missing file is an error.
 */

#define CONFIANZA_REPORT_ERROR (confianza_report_error_quark ())

typedef enum
{
  CONFIANZA_REPORT_ERROR_NO_FOLDER,     /* the target folder does not exist */
  CONFIANZA_REPORT_ERROR_IS_DIRECTORY,  /* the target is a folder */
  CONFIANZA_REPORT_ERROR_READ_ONLY,     /* no permission to write there */
  CONFIANZA_REPORT_ERROR_FULL,          /* the disk is full */
  CONFIANZA_REPORT_ERROR_DATABASE,      /* the records could not be read */
  CONFIANZA_REPORT_ERROR_NOT_FOUND,     /* no such client */
  CONFIANZA_REPORT_ERROR_AMBIGUOUS,     /* several clients match a name */
  CONFIANZA_REPORT_ERROR_INVALID,       /* the period ends before it starts */
  CONFIANZA_REPORT_ERROR_FAILED,        /* any other failure, said in words */
  CONFIANZA_REPORT_ERROR_PROTECTED,     /* the target holds records: never replaced */
} ConfianzaReportError;

GQuark    confianza_report_error_quark        (void);

/* Writes the report for the client @client_id. @business_name is the
 * author shown in the report (NULL or empty: not named). */
gboolean  confianza_report_write_client       (const char      *database_path,
                                               gint64           client_id,
                                               GDateTime       *from,
                                               GDateTime       *to,
                                               const char      *business_name,
                                               const char      *output_path,
                                               GError         **error);

/* The same, addressing the client as @address says (the one above
 * writes usted, the default) */
gboolean  confianza_report_write_client_as    (const char      *database_path,
                                               gint64           client_id,
                                               GDateTime       *from,
                                               GDateTime       *to,
                                               const char      *business_name,
                                               ConfianzaAddress address,
                                               const char      *output_path,
                                               GError         **error);

/* Writes the internal portfolio report over every client. */
gboolean  confianza_report_write_portfolio    (const char      *database_path,
                                               GDateTime       *from,
                                               GDateTime       *to,
                                               const char      *business_name,
                                               const char      *output_path,
                                               GError         **error);

/* "Informe_Lucía_Ferrer_2024-05-31.xlsx" for a client, or
 * "Informe_cartera_2024-05-31.xlsx" when @client_name is NULL (the words
 * are translated). The name keeps its accents; spaces become underscores
 * and characters that are unsafe in file names are left out. @date NULL
 * means today. */
char     *confianza_report_suggest_filename   (const char      *client_name,
                                               GDateTime       *date);

/* For the command line: @name_or_id is a client's number, or else a name
 * (or, failing that, a company) matched without regard to case or accents'
 * composition. Returns the client's id, or 0 with @error set when there is
 * no such client or the name is ambiguous (the message lists the matches
 * with their numbers). */
gint64    confianza_report_find_client        (ConfianzaStore  *store,
                                               const char      *name_or_id,
                                               GError         **error);

G_END_DECLS
