/* hilum-study-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-study-fields"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "hilum-study-fields.h"
#include "hilum-resources-private.h"

struct _HilumStudyFields
{
  GtkWidget       parent_instance;

  GtkExpander    *expander;
  GtkLabel       *summary_label;
  GtkEntry       *indication_entry;
  GtkEntry       *technique_entry;
  GtkEntry       *comparison_entry;
  GtkTextView    *prior_view;

  HilumSession   *session;
  char           *summary;
  /* TRUE while the fields show what the document says: no operation from that */
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (HilumStudyFields, hilum_study_fields, GTK_TYPE_WIDGET)

enum {
  OPERATION_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fields_perform (HilumStudyFields *self,
                const char       *field,
                const char       *text)
{
  g_autoptr(HilumOperation) op = NULL;
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->session == NULL)
    return;

  op = hilum_operation_new_set_study_text (field, text);
  if (!hilum_session_perform (self->session, op, &error))
    {
      g_signal_emit (self, signals[OPERATION_FAILED], 0, error->message);
      hilum_study_fields_sync (self);
    }
}

static void
entry_changed_cb (HilumStudyFields *self,
                  GtkEditable      *editable)
{
  fields_perform (self, g_object_get_data (G_OBJECT (editable), "hilum-field"),
                  gtk_editable_get_text (editable));
}

static void
prior_changed_cb (HilumStudyFields *self,
                  GtkTextBuffer    *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  fields_perform (self, "prior_report", text);
}

static void
focus_leave_cb (HilumStudyFields *self)
{
  if (self->session != NULL)
    hilum_session_break_merge (self->session);
}

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "in_progress") == 0)
    return C_("study status", "In progress");
  if (g_strcmp0 (status, "annotated") == 0)
    return C_("study status", "Annotated");
  if (g_strcmp0 (status, "reviewed") == 0)
    return C_("study status", "Reviewed");
  if (status == NULL || status[0] == '\0' || g_str_equal (status, "new"))
    return C_("study status", "New");
  return status;
}

static const char *
study_field (HilumDocument *document,
             const char    *field)
{
  const char *value = hilum_document_get_study_field (document, field);

  return value != NULL ? value : "";
}

static void
sync_entry (GtkEntry   *row,
            const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

void
hilum_study_fields_sync (HilumStudyFields *self)
{
  HilumDocument *document;
  GtkTextBuffer *buffer;
  g_autofree char *prior = NULL;
  g_autofree char *iso_date = NULL;
  GtkTextIter start, end;
  const char *date;

  g_return_if_fail (HILUM_IS_STUDY_FIELDS (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self), self->session != NULL);
  if (self->session == NULL)
    return;

  document = hilum_session_get_document (self->session);
  self->syncing = TRUE;

  sync_entry (self->indication_entry, study_field (document, "indication"));
  sync_entry (self->technique_entry, study_field (document, "technique"));
  sync_entry (self->comparison_entry, study_field (document, "comparison"));

  buffer = gtk_text_view_get_buffer (self->prior_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  prior = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (prior, study_field (document, "prior_report")) != 0)
    gtk_text_buffer_set_text (buffer,
                              study_field (document, "prior_report"), -1);

  g_free (self->summary);
  date = study_field (document, "study_date");
  /* A DICOM date (20150312) reads as the ISO one the rest of the app shows. */
  if (strlen (date) == 8 && strspn (date, "0123456789") == 8)
    date = iso_date = g_strdup_printf ("%.4s-%.2s-%.2s", date, date + 4, date + 6);
  if (date[0] != '\0')
    /* Translators: the study's status, then its date: "In progress · 2024-03-01" */
    self->summary = g_strdup_printf (_("%s · %s"),
                                     status_label (hilum_document_get_study_field (document,
                                                                                   "status")),
                                     date);
  else
    self->summary = g_strdup (status_label (hilum_document_get_study_field (document,
                                                                            "status")));
  gtk_label_set_label (self->summary_label, self->summary);

  self->syncing = FALSE;
}

static void
setup_entry (HilumStudyFields *self,
             GtkEntry         *row,
             const char       *field)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_object_set_data (G_OBJECT (row), "hilum-field", (gpointer) field);
  /* Undo is the session's: see hilum-finding-row.c. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  g_signal_connect_object (row, "changed", G_CALLBACK (entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
}

static void
hilum_study_fields_dispose (GObject *object)
{
  HilumStudyFields *self = (HilumStudyFields *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HILUM_TYPE_STUDY_FIELDS);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (hilum_study_fields_parent_class)->dispose (object);
}

static void
hilum_study_fields_finalize (GObject *object)
{
  HilumStudyFields *self = (HilumStudyFields *)object;

  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (hilum_study_fields_parent_class)->finalize (object);
}

static void
hilum_study_fields_class_init (HilumStudyFieldsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_study_fields_dispose;
  object_class->finalize = hilum_study_fields_finalize;

  signals[OPERATION_FAILED] =
    g_signal_new ("operation-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  hilum_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hilum/Hilum/hilum-study-fields.ui");
  gtk_widget_class_bind_template_child (widget_class, HilumStudyFields, expander);
  gtk_widget_class_bind_template_child (widget_class, HilumStudyFields, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HilumStudyFields, indication_entry);
  gtk_widget_class_bind_template_child (widget_class, HilumStudyFields, technique_entry);
  gtk_widget_class_bind_template_child (widget_class, HilumStudyFields, comparison_entry);
  gtk_widget_class_bind_template_child (widget_class, HilumStudyFields, prior_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "studyfields");
}

static void
hilum_study_fields_init (HilumStudyFields *self)
{
  GtkTextBuffer *buffer;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  setup_entry (self, self->indication_entry, "indication");
  setup_entry (self, self->technique_entry, "technique");
  setup_entry (self, self->comparison_entry, "comparison");

  buffer = gtk_text_view_get_buffer (self->prior_view);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (prior_changed_cb), self,
                           G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->prior_view), focus);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->prior_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Prior Report"), -1);

  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

GtkWidget *
hilum_study_fields_new (void)
{
  return g_object_new (HILUM_TYPE_STUDY_FIELDS, NULL);
}

void
hilum_study_fields_set_session (HilumStudyFields *self,
                                HilumSession     *session)
{
  g_return_if_fail (HILUM_IS_STUDY_FIELDS (self));
  g_return_if_fail (session == NULL || HILUM_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  {
    /* A translator reads the study's context but may not change it. */
    gboolean editable = session == NULL
                        || hilum_session_get_role (session) != HILUM_READER_ROLE_TRANSLATOR;

    gtk_editable_set_editable (GTK_EDITABLE (self->indication_entry), editable);
    gtk_editable_set_editable (GTK_EDITABLE (self->technique_entry), editable);
    gtk_editable_set_editable (GTK_EDITABLE (self->comparison_entry), editable);
    gtk_text_view_set_editable (self->prior_view, editable);
  }
  hilum_study_fields_sync (self);

  /* The clinical question is worth seeing before reading the images: open when the
   * study comes with any of it (PadChest-GR studies do not). */
  if (session != NULL)
    {
      HilumDocument *document = hilum_session_get_document (session);
      const char *fields[] = { "indication", "technique", "comparison", "prior_report" };
      gboolean any = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        any |= study_field (document, fields[i])[0] != '\0';
      gtk_expander_set_expanded (self->expander, any);
    }
}

GtkEditable *
hilum_study_fields_get_entry (HilumStudyFields *self,
                              const char       *field)
{
  g_return_val_if_fail (HILUM_IS_STUDY_FIELDS (self), NULL);

  if (g_strcmp0 (field, "indication") == 0)
    return GTK_EDITABLE (self->indication_entry);
  if (g_strcmp0 (field, "technique") == 0)
    return GTK_EDITABLE (self->technique_entry);
  if (g_strcmp0 (field, "comparison") == 0)
    return GTK_EDITABLE (self->comparison_entry);
  g_return_val_if_reached (NULL);
}

GtkTextView *
hilum_study_fields_get_prior_report (HilumStudyFields *self)
{
  g_return_val_if_fail (HILUM_IS_STUDY_FIELDS (self), NULL);

  return self->prior_view;
}

const char *
hilum_study_fields_get_summary (HilumStudyFields *self)
{
  g_return_val_if_fail (HILUM_IS_STUDY_FIELDS (self), NULL);

  return self->summary != NULL ? self->summary : "";
}

void
hilum_study_fields_set_expanded (HilumStudyFields *self,
                                 gboolean          expanded)
{
  g_return_if_fail (HILUM_IS_STUDY_FIELDS (self));

  gtk_expander_set_expanded (self->expander, expanded);
}
