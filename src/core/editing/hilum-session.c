/* hilum-session.c — editing one study: operations, undo/redo, the store, the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the user changes goes through perform(): rights first, then the store (the
 * edit is on disk before it shows), then the history. Undo and redo are edits like any
 * other — the inverse goes through the same path, so the audit log tells the whole story
 * and a reader can never undo into someone else's boxes.
 */
#define G_LOG_DOMAIN "hilum-session"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-document-private.h"
#include "hilum-json.h"
#include "hilum-history.h"
#include "hilum-session.h"

struct _HilumSession
{
  GObject parent_instance;

  HilumStore *store;            /* nullable */
  HilumDocument *document;
  char *reader_id;
  char *reader_name;
  HilumReaderRole role;

  HilumHistory *history;
  gint64 clock_override;        /* < 0: the real monotonic clock */
  gint64 revision;              /* the store's revision of document; -1: not known yet */
};

G_DEFINE_FINAL_TYPE (HilumSession, hilum_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DOCUMENT,
  PROP_READER_ID,
  PROP_READER_NAME,
  PROP_ROLE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

const char *
hilum_reader_role_to_string (HilumReaderRole role)
{
  switch (role)
    {
    case HILUM_READER_ROLE_REVIEWER:
      return "reviewer";
    case HILUM_READER_ROLE_TRANSLATOR:
      return "translator";
    case HILUM_READER_ROLE_READER:
    default:
      return "reader";
    }
}

gboolean
hilum_reader_role_from_string (const char      *string,
                               HilumReaderRole *role)
{
  HilumReaderRole value;

  if (g_strcmp0 (string, "reader") == 0)
    value = HILUM_READER_ROLE_READER;
  else if (g_strcmp0 (string, "reviewer") == 0)
    value = HILUM_READER_ROLE_REVIEWER;
  else if (g_strcmp0 (string, "translator") == 0)
    value = HILUM_READER_ROLE_TRANSLATOR;
  else
    return FALSE;

  if (role != NULL)
    *role = value;
  return TRUE;
}

static gint64
session_now (HilumSession *self)
{
  return self->clock_override >= 0 ? self->clock_override : g_get_monotonic_time ();
}

/* Rights */

static gboolean
forbid_other_reader (HilumSession  *self,
                     const char    *owner,
                     GError       **error)
{
  if (g_strcmp0 (owner, self->reader_id) == 0)
    return TRUE;
  g_set_error (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_FORBIDDEN,
               _("These boxes belong to reader %s; you can only change your own."),
               hilum_document_get_reader_name (self->document, owner));
  return FALSE;
}

/* A finding that goes away (or is replaced) takes its boxes with it: only when all of
 * them are the session reader's. */
static gboolean
check_finding_boxes (HilumSession  *self,
                     JsonObject    *finding,
                     GError       **error)
{
  JsonArray *annotations;

  if (finding == NULL || (annotations = hilum_json_get_array (finding, "annotations")) == NULL)
    return TRUE;
  for (guint j = 0; j < json_array_get_length (annotations); j++)
    {
      JsonObject *annotation = hilum_json_array_get_object (annotations, j);
      JsonArray *boxes = hilum_json_get_array (annotation, "boxes");
      const char *owner = json_object_get_string_member_with_default (annotation, "reader_id", NULL);

      if (boxes != NULL && json_array_get_length (boxes) > 0 && !forbid_other_reader (self, owner, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_status_edit (HilumOperation *op)
{
  return g_str_equal (hilum_operation_get_kind (op), "set-study-field")
         && g_strcmp0 (json_object_get_string_member_with_default (hilum_operation_get_json (op), "field", NULL),
                       "status") == 0;
}

static gboolean
check_rights (HilumSession    *self,
              HilumOperation  *op,
              GError         **error)
{
  JsonObject *o = hilum_operation_get_json (op);
  const char *kind = hilum_operation_get_kind (op);
  gboolean box_op = g_str_equal (kind, "add-box") || g_str_equal (kind, "remove-box")
                    || g_str_equal (kind, "set-box");

  if (g_str_equal (kind, "batch"))
    {
      JsonArray *ops = hilum_json_get_array (o, "ops");

      for (guint i = 0; ops != NULL && i < json_array_get_length (ops); i++)
        {
          JsonNode *node = json_array_get_element (ops, i);
          g_autoptr(HilumOperation) child = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;     /* apply() refuses it with a clear message */
          child = hilum_operation_new_from_json (json_node_get_object (node));
          if (!check_rights (self, child, error))
            return FALSE;
        }
      return TRUE;
    }

  /* What the session adds by itself (wrap_first_edit) and its undo: the study's status
   * and the session reader's own entry in the readers. */
  if (json_object_get_boolean_member_with_default (o, "auto", FALSE))
    {
      JsonObject *reader = hilum_json_get_object (o, "reader");
      const char *reader_id = reader != NULL
                              ? json_object_get_string_member_with_default (reader, "reader_id", NULL)
                              : json_object_get_string_member_with_default (o, "reader_id", NULL);

      if (is_status_edit (op))
        return TRUE;
      if ((g_str_equal (kind, "add-reader") || g_str_equal (kind, "remove-reader"))
          && g_strcmp0 (reader_id, self->reader_id) == 0)
        return TRUE;
    }

  /* The list of sync conflicts is bookkeeping: whoever resolves one removes it, while
   * the value the resolution sets is checked on its own like any edit. */
  if (g_str_equal (kind, "set-document-field") &&
      g_strcmp0 (json_object_get_string_member_with_default (o, "field", NULL), "conflicts") == 0)
    return TRUE;

  if (self->role == HILUM_READER_ROLE_TRANSLATOR)
    {
      const char *field = json_object_get_string_member_with_default (o, "field", "");

      if (box_op)
        {
          g_set_error_literal (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_FORBIDDEN,
                               _("A translator can edit sentences but not boxes."));
          return FALSE;
        }
      if (!g_str_equal (kind, "set-finding-field")
          || !(g_str_has_prefix (field, "text.") || g_str_has_prefix (field, "translation.")))
        {
          g_set_error_literal (error, HILUM_DOCUMENT_ERROR, HILUM_DOCUMENT_ERROR_FORBIDDEN,
                               _("A translator can edit sentences and their translation state, nothing else."));
          return FALSE;
        }
      return TRUE;
    }

  if (g_str_equal (kind, "add-box"))
    return forbid_other_reader (self, json_object_get_string_member_with_default (o, "reader_id", NULL), error);

  if (g_str_equal (kind, "remove-box") || g_str_equal (kind, "set-box"))
    {
      const char *owner = NULL;
      const char *box_id = json_object_get_string_member_with_default (o, "box_id", NULL);

      /* A box not there yet (added earlier in the same batch) was checked as add-box;
       * one not there at all is refused by apply(). */
      if (box_id == NULL || hilum_document_find_box (self->document, box_id, NULL, &owner, NULL) == NULL)
        return TRUE;
      return forbid_other_reader (self, owner, error);
    }

  if (g_str_equal (kind, "remove-finding") || g_str_equal (kind, "replace-finding"))
    {
      const char *finding_id = json_object_get_string_member_with_default (o, "finding_id", NULL);
      JsonObject *finding = finding_id != NULL ? hilum_document_find_finding (self->document, finding_id, NULL)
                                               : NULL;

      if (g_str_equal (kind, "replace-finding"))
        {
          /* Replacing is fine as long as other readers' annotations stay the same. */
          JsonObject *value = hilum_json_get_object (o, "value");
          JsonArray *old = finding != NULL ? hilum_json_get_array (finding, "annotations") : NULL;
          JsonArray *new = value != NULL ? hilum_json_get_array (value, "annotations") : NULL;

          for (guint pass = 0; pass < 2; pass++)
            {
              JsonArray *from = pass == 0 ? old : new;
              JsonObject *other_finding = pass == 0 ? value : finding;

              for (guint j = 0; from != NULL && j < json_array_get_length (from); j++)
                {
                  JsonObject *a = hilum_json_array_get_object (from, j);
                  const char *owner = json_object_get_string_member_with_default (a, "reader_id", NULL);
                  const char *image = json_object_get_string_member_with_default (a, "image_id", NULL);
                  JsonObject *b;
                  g_autoptr(JsonNode) na = NULL;
                  g_autoptr(JsonNode) nb = NULL;

                  if (g_strcmp0 (owner, self->reader_id) == 0)
                    continue;
                  b = other_finding != NULL ? _hilum_finding_find_annotation (other_finding, owner, image, NULL)
                                            : NULL;
                  na = json_node_init_object (json_node_alloc (), a);
                  if (b != NULL)
                    nb = json_node_init_object (json_node_alloc (), b);
                  if (b == NULL || !json_node_equal (na, nb))
                    return forbid_other_reader (self, owner, error);
                }
            }
          return TRUE;
        }
      return check_finding_boxes (self, finding, error);
    }

  return TRUE;
}

/* The path every edit takes: rights, stamp, store, document. */
static gboolean
commit (HilumSession    *self,
        HilumOperation  *op,
        gboolean         retry,
        GError         **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format_iso8601 (now);
  JsonObject *o = hilum_operation_get_json (op);

  if (!check_rights (self, op, error))
    return FALSE;

  json_object_set_string_member (o, "author", self->reader_id);
  json_object_set_string_member (o, "time", time);

  if (self->store == NULL)
    return hilum_document_apply (self->document, op, error);

  if (self->revision < 0)
    self->revision = hilum_store_get_revision (self->store, hilum_document_get_study_id (self->document));
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      if (hilum_store_commit_operation_at (self->store, self->document, op, self->revision, &local_error))
        {
          self->revision++;
          return TRUE;
        }
      if (!g_error_matches (local_error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_CHANGED) || attempt > 0 ||
          !hilum_session_catch_up (self, error))
        {
          if (local_error != NULL && (error == NULL || *error == NULL))
            g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Undo and redo were about the document before the merge: they are gone now. */
      if (!retry)
        {
          g_set_error_literal (error, HILUM_STORE_ERROR, HILUM_STORE_ERROR_CHANGED,
                               _("The study changed through sync meanwhile; nothing was undone or redone."));
          return FALSE;
        }
    }
}

static void
notify_history (HilumSession *self,
                gboolean      could_undo,
                gboolean      could_redo)
{
  if (could_undo != hilum_history_can_undo (self->history))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != hilum_history_can_redo (self->history))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static gboolean
reader_in_document (HilumSession *self)
{
  return hilum_document_find_reader (self->document, self->reader_id, NULL) != NULL;
}

/* The first edit of a "new" study also marks it in progress, and an edit by a reader the
 * study does not list yet adds the reader (so exports can name who drew the boxes). Both
 * ride in one batch with the edit, so one undo takes all back. */
static HilumOperation *
wrap_first_edit (HilumSession   *self,
                 HilumOperation *op)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) hilum_operation_unref);
  gboolean is_new = g_strcmp0 (hilum_document_get_study_field (self->document, "status"), "new") == 0;
  gboolean add_reader = !reader_in_document (self)
                        && hilum_json_get_array (hilum_document_get_root (self->document), "readers") != NULL
                        && !g_str_equal (hilum_operation_get_kind (op), "add-reader");

  if ((!is_new || is_status_edit (op)) && !add_reader)
    return NULL;

  if (add_reader)
    {
      g_autoptr(JsonObject) reader = json_object_new ();

      json_object_set_string_member (reader, "reader_id", self->reader_id);
      json_object_set_string_member (reader, "name", self->reader_name != NULL ? self->reader_name : self->reader_id);
      json_object_set_string_member (reader, "role", hilum_reader_role_to_string (self->role));
      json_object_set_null_member (reader, "source_slot");
      g_ptr_array_add (parts, hilum_operation_new_add_reader (reader));
      json_object_set_boolean_member (hilum_operation_get_json (g_ptr_array_index (parts, 0)), "auto", TRUE);
    }
  g_ptr_array_add (parts, hilum_operation_ref (op));
  if (is_new && !is_status_edit (op))
    {
      g_autoptr(JsonNode) value = json_node_init_string (json_node_alloc (), "in_progress");

      HilumOperation *status = hilum_operation_new_set_study_field ("status", value);

      json_object_set_boolean_member (hilum_operation_get_json (status), "auto", TRUE);
      g_ptr_array_add (parts, status);
    }
  return hilum_operation_new_batch (hilum_operation_get_label (op), parts);
}

/* GObject */

static void
hilum_session_dispose (GObject *object)
{
  HilumSession *self = (HilumSession *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (hilum_session_parent_class)->dispose (object);
}

static void
hilum_session_finalize (GObject *object)
{
  HilumSession *self = (HilumSession *)object;

  g_clear_pointer (&self->reader_id, g_free);
  g_clear_pointer (&self->reader_name, g_free);
  g_clear_pointer (&self->history, hilum_history_free);

  G_OBJECT_CLASS (hilum_session_parent_class)->finalize (object);
}

static void
hilum_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HilumSession *self = HILUM_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_READER_ID:
      g_value_set_string (value, self->reader_id);
      break;
    case PROP_READER_NAME:
      g_value_set_string (value, self->reader_name);
      break;
    case PROP_ROLE:
      g_value_set_int (value, self->role);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, hilum_session_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, hilum_session_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HilumSession *self = HILUM_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_READER_ID:
      self->reader_id = g_value_dup_string (value);
      break;
    case PROP_READER_NAME:
      self->reader_name = g_value_dup_string (value);
      break;
    case PROP_ROLE:
      self->role = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_session_class_init (HilumSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hilum_session_dispose;
  object_class->finalize = hilum_session_finalize;
  object_class->get_property = hilum_session_get_property;
  object_class->set_property = hilum_session_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, HILUM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, HILUM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READER_ID] =
    g_param_spec_string ("reader-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READER_NAME] =
    g_param_spec_string ("reader-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_int ("role", NULL, NULL,
                      HILUM_READER_ROLE_READER, HILUM_READER_ROLE_TRANSLATOR, HILUM_READER_ROLE_READER,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HilumSession::changed:
   * @op: the operation just applied (an edit, an undo or a redo)
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HILUM_TYPE_OPERATION);
}

static void
hilum_session_init (HilumSession *self)
{
  self->history = hilum_history_new ();
  self->clock_override = -1;
  self->revision = -1;
}

/* Public API */

HilumSession *
hilum_session_new (HilumStore      *store,
                   HilumDocument   *document,
                   const char      *reader_id,
                   const char      *reader_name,
                   HilumReaderRole  role)
{
  g_return_val_if_fail (store == NULL || HILUM_IS_STORE (store), NULL);
  g_return_val_if_fail (HILUM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (reader_id != NULL && *reader_id != '\0', NULL);

  return g_object_new (HILUM_TYPE_SESSION,
                       "store", store,
                       "document", document,
                       "reader-id", reader_id,
                       "reader-name", reader_name,
                       "role", role,
                       NULL);
}

HilumStore *
hilum_session_get_store (HilumSession *self)
{
  g_return_val_if_fail (HILUM_IS_SESSION (self), NULL);

  return self->store;
}

HilumDocument *
hilum_session_get_document (HilumSession *self)
{
  g_return_val_if_fail (HILUM_IS_SESSION (self), NULL);

  return self->document;
}

const char *
hilum_session_get_reader_id (HilumSession *self)
{
  g_return_val_if_fail (HILUM_IS_SESSION (self), NULL);

  return self->reader_id;
}

HilumReaderRole
hilum_session_get_role (HilumSession *self)
{
  g_return_val_if_fail (HILUM_IS_SESSION (self), HILUM_READER_ROLE_READER);

  return self->role;
}

gboolean
hilum_session_perform (HilumSession    *self,
                       HilumOperation  *op,
                       GError         **error)
{
  g_autoptr(HilumOperation) wrapped = NULL;
  HilumOperation *applied;
  gboolean could_undo, could_redo;

  g_return_val_if_fail (HILUM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (op != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Rights on the edit itself, before the session adds anything of its own. */
  if (!check_rights (self, op, error))
    return FALSE;

  wrapped = wrap_first_edit (self, op);
  applied = wrapped != NULL ? wrapped : op;
  if (!commit (self, applied, TRUE, error))
    return FALSE;

  could_undo = hilum_history_can_undo (self->history);
  could_redo = hilum_history_can_redo (self->history);
  hilum_history_push (self->history, applied, op, session_now (self));
  g_signal_emit (self, signals[CHANGED], 0, applied);
  notify_history (self, could_undo, could_redo);
  return TRUE;
}

gboolean
hilum_session_can_undo (HilumSession *self)
{
  g_return_val_if_fail (HILUM_IS_SESSION (self), FALSE);

  return hilum_history_can_undo (self->history);
}

gboolean
hilum_session_can_redo (HilumSession *self)
{
  g_return_val_if_fail (HILUM_IS_SESSION (self), FALSE);

  return hilum_history_can_redo (self->history);
}

const char *
hilum_session_get_undo_label (HilumSession *self)
{
  HilumOperation *op;

  g_return_val_if_fail (HILUM_IS_SESSION (self), NULL);

  op = hilum_history_peek_undo (self->history);
  return op != NULL ? hilum_operation_get_label (op) : NULL;
}

const char *
hilum_session_get_redo_label (HilumSession *self)
{
  HilumOperation *op;

  g_return_val_if_fail (HILUM_IS_SESSION (self), NULL);

  op = hilum_history_peek_redo (self->history);
  return op != NULL ? hilum_operation_get_label (op) : NULL;
}

gboolean
hilum_session_undo (HilumSession  *self,
                    GError       **error)
{
  g_autoptr(HilumOperation) inverse = NULL;
  HilumOperation *op;
  gboolean could_undo, could_redo;

  g_return_val_if_fail (HILUM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = hilum_history_peek_undo (self->history);
  if (op == NULL)
    return TRUE;

  inverse = hilum_operation_invert (op);
  json_object_set_string_member (hilum_operation_get_json (inverse), "undo_of",
                                 json_object_get_string_member_with_default (hilum_operation_get_json (op), "time", ""));
  if (!commit (self, inverse, FALSE, error))
    return FALSE;

  could_undo = hilum_history_can_undo (self->history);
  could_redo = hilum_history_can_redo (self->history);
  hilum_history_undone (self->history);
  g_signal_emit (self, signals[CHANGED], 0, inverse);
  notify_history (self, could_undo, could_redo);
  return TRUE;
}

gboolean
hilum_session_redo (HilumSession  *self,
                    GError       **error)
{
  g_autoptr(HilumOperation) again = NULL;
  HilumOperation *op;
  gboolean could_undo, could_redo;

  g_return_val_if_fail (HILUM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  op = hilum_history_peek_redo (self->history);
  if (op == NULL)
    return TRUE;

  /* The edit once more, as a fresh copy: the original stays as it was audited. */
  again = hilum_operation_copy (op);
  if (!commit (self, again, FALSE, error))
    return FALSE;

  could_undo = hilum_history_can_undo (self->history);
  could_redo = hilum_history_can_redo (self->history);
  hilum_history_redone (self->history, again);
  g_signal_emit (self, signals[CHANGED], 0, again);
  notify_history (self, could_undo, could_redo);
  return TRUE;
}

void
hilum_session_break_merge (HilumSession *self)
{
  g_return_if_fail (HILUM_IS_SESSION (self));

  hilum_history_break_merge (self->history);
}

void
hilum_session_set_clock_for_testing (HilumSession *self,
                                     gint64        monotonic_usec)
{
  g_return_if_fail (HILUM_IS_SESSION (self));

  self->clock_override = monotonic_usec;
}

/**
 * hilum_session_catch_up:
 *
 * Brings the session's document to what the store holds when a sync stored a merge
 * since: the difference is applied as one operation (the UI follows it through
 * "changed"), and the undo history is cleared — its steps were about the document
 * before the merge.
 */
gboolean
hilum_session_catch_up (HilumSession  *self,
                        GError       **error)
{
  g_autoptr(HilumDocument) stored = NULL;
  g_autoptr(HilumOperation) difference = NULL;
  gboolean could_undo, could_redo;
  const char *study_id;
  gint64 revision;

  g_return_val_if_fail (HILUM_IS_SESSION (self), FALSE);

  if (self->store == NULL)
    return TRUE;
  study_id = hilum_document_get_study_id (self->document);
  revision = hilum_store_get_revision (self->store, study_id);
  if (revision < 0 || revision == self->revision)
    return TRUE;
  if ((stored = hilum_store_get_document (self->store, study_id, error)) == NULL)
    return FALSE;

  difference = hilum_document_diff (self->document, stored);
  if (difference != NULL && !hilum_document_apply (self->document, difference, error))
    return FALSE;
  self->revision = revision;

  could_undo = hilum_history_can_undo (self->history);
  could_redo = hilum_history_can_redo (self->history);
  hilum_history_clear (self->history);
  if (difference != NULL)
    g_signal_emit (self, signals[CHANGED], 0, difference);
  notify_history (self, could_undo, could_redo);
  return TRUE;
}
