/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "model/confianza-recovery-draft.h"
#include "model/confianza-recovery-words.h"
#include "store/confianza-store.h"

#include "confianza-form.h"

G_BEGIN_DECLS

#define CONFIANZA_TYPE_WIZARD_PAGE (confianza_wizard_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (ConfianzaWizardPage, confianza_wizard_page, CONFIANZA, WIZARD_PAGE, AdwBin)

/*
 * One step of the recovery wizard (ConfianzaRecoveryWizard): a scrolling
 * page with the step's "title", its "description" (what source 001 asks
 * for, in a few lines) and its "content", the step's own fields, each
 * step a final subclass with its template (disposed of by this class).
 * The wizard moves between pages and saves; a page fills its fields from
 * the plan, writes them back, and says what is wrong with them.
 *
 * When the user changes a watched widget the page emits "changed"
 * (GtkWidget *widget): the wizard then checks the page shown and asks
 * every page to update () what follows from the plan.
 */
struct _ConfianzaWizardPageClass
{
  AdwBinClass parent_class;

  /* Fills the fields from @plan (the plan as last saved). Required. */
  void       (*load)      (ConfianzaWizardPage   *self,
                           ConfianzaRecoveryPlan *plan);
  /* Writes what the fields say into @plan. Required. */
  void       (*apply)     (ConfianzaWizardPage   *self,
                           ConfianzaRecoveryPlan *plan);
  /* What the model cannot see in the page's fields (a date that cannot
   * be read): FALSE, naming the @property and saying why in @error. */
  gboolean   (*check)     (ConfianzaWizardPage   *self,
                           const char           **property,
                           GError               **error);
  /* Shows what follows from @plan, the plan as all the pages say now. */
  void       (*update)    (ConfianzaWizardPage   *self,
                           ConfianzaRecoveryPlan *plan);
  /* Checks what the page holds besides the plan's fields; returns the
   * widget to fix, or NULL. */
  GtkWidget *(*validate)  (ConfianzaWizardPage   *self);
  /* The user wants to leave the page: every error may show. By default,
   * those of the page's form. */
  void       (*touch_all) (ConfianzaWizardPage   *self);
  /* Leaving the page, valid: last work before the plan is saved. FALSE
   * keeps the user on the page. */
  gboolean   (*leave)     (ConfianzaWizardPage   *self);

  /* Signals */
  void       (*changed)   (ConfianzaWizardPage   *self,
                           GtkWidget             *widget);
};

/* Called once by the wizard before anything else: what the page works on
 * (the draft's plan is the plan as last saved), the button the page's
 * form keeps sensitive while it is valid, and the label for errors that
 * belong to no field. */
void                    confianza_wizard_page_setup        (ConfianzaWizardPage    *self,
                                                            ConfianzaStore         *store,
                                                            ConfianzaIncident      *incident,
                                                            ConfianzaRecoveryDraft *draft,
                                                            GtkWidget              *next_button,
                                                            GtkLabel               *general_error);
ConfianzaStore         *confianza_wizard_page_get_store    (ConfianzaWizardPage    *self);
ConfianzaIncident      *confianza_wizard_page_get_incident (ConfianzaWizardPage    *self);
ConfianzaRecoveryDraft *confianza_wizard_page_get_draft    (ConfianzaWizardPage    *self);
/* The form of the page's fields (confianza_form_add_field () in the
 * subclass's init). */
ConfianzaForm          *confianza_wizard_page_get_form     (ConfianzaWizardPage    *self);
/* The widgets (a NULL-terminated list) whose changes the page reports. */
void                    confianza_wizard_page_watch        (ConfianzaWizardPage    *self,
                                                            gpointer                widget,
                                                            ...) G_GNUC_NULL_TERMINATED;

/* Fills the page from @plan; meanwhile changes are not reported. */
void                    confianza_wizard_page_load         (ConfianzaWizardPage    *self,
                                                            ConfianzaRecoveryPlan  *plan);
/* Runs @func (@self, @data) without reporting the changes it makes. */
void                    confianza_wizard_page_quietly      (ConfianzaWizardPage    *self,
                                                            void                  (*func) (ConfianzaWizardPage *self,
                                                                                           gpointer             data),
                                                            gpointer                data);
void                    confianza_wizard_page_apply        (ConfianzaWizardPage    *self,
                                                            ConfianzaRecoveryPlan  *plan);
gboolean                confianza_wizard_page_check        (ConfianzaWizardPage    *self,
                                                            const char            **property,
                                                            GError                **error);
void                    confianza_wizard_page_update       (ConfianzaWizardPage    *self,
                                                            ConfianzaRecoveryPlan  *plan);
/* Shows the outcome of checking the page (@error NULL: valid), and
 * checks what else it holds; returns the widget to fix, or NULL. */
GtkWidget              *confianza_wizard_page_show_errors  (ConfianzaWizardPage    *self,
                                                            const char             *property,
                                                            const GError           *error);
void                    confianza_wizard_page_touch_all    (ConfianzaWizardPage    *self);
gboolean                confianza_wizard_page_leave        (ConfianzaWizardPage    *self);

/* The page drafts words of @kind: the messages of that kind that went
 * out are shown under it (called once, in the step's init). */
void                    confianza_wizard_page_set_words    (ConfianzaWizardPage    *self,
                                                            ConfianzaWordsKind      kind);
/* Shows the words of @kind drafted from the plan as the pages say now
 * (confianza_recovery_words_draft ()), to edit, copy to the clipboard or
 * open in the mail client (confianza_words_editor_new ()); nothing is sent.
 * What went out is kept with the plan, dated: at once when the plan is
 * stored, otherwise in the draft (the page reports a change) to be saved
 * with it. */
void                    confianza_wizard_page_draft_words  (ConfianzaWizardPage    *self,
                                                            ConfianzaWordsKind      kind,
                                                            const char             *title);

G_END_DECLS
