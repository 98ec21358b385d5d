/* hilum-image-slot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-image-slot"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hilum-image.h"
#include "hilum-image-slot.h"
#include "hilum-resources-private.h"

struct _HilumImageSlot
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkLabel       *title_label;
  GtkLabel       *detail_label;
  GtkLabel       *file_label;
  GtkMenuButton  *menu_button;
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  AdwStatusPage  *error_page;
  GtkSpinner     *spinner;
  HilumImageView *view;

  char           *label;
  char           *path;
  char           *error;
  HilumSlotState  state;
};

G_DEFINE_FINAL_TYPE (HilumImageSlot, hilum_image_slot, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hilum_image_slot_set_state (HilumImageSlot *self,
                            HilumSlotState  state,
                            const char     *path)
{
  static const char *pages[] = { "empty", "loading", "image", "error" };
  g_autofree char *basename = path ? g_path_get_basename (path) : NULL;

  if (path != self->path)
    {
      g_free (self->path);
      self->path = g_strdup (path);
    }

  gtk_label_set_label (self->file_label, basename ? basename : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label), path);
  gtk_stack_set_visible_child_name (self->stack, pages[state]);
  gtk_spinner_set_spinning (self->spinner, state == HILUM_SLOT_STATE_LOADING);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
hilum_image_slot_dispose (GObject *object)
{
  HilumImageSlot *self = (HilumImageSlot *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HILUM_TYPE_IMAGE_SLOT);

  G_OBJECT_CLASS (hilum_image_slot_parent_class)->dispose (object);
}

static void
hilum_image_slot_finalize (GObject *object)
{
  HilumImageSlot *self = (HilumImageSlot *)object;

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (hilum_image_slot_parent_class)->finalize (object);
}

static void
hilum_image_slot_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HilumImageSlot *self = HILUM_IMAGE_SLOT (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_image_slot_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HilumImageSlot *self = HILUM_IMAGE_SLOT (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      {
        const char *label = g_value_get_string (value);
        g_autofree char *empty = NULL;

        g_free (self->label);
        self->label = g_strdup (label ? label : "");
        gtk_label_set_label (self->title_label, self->label);
        hilum_image_view_set_label (self->view, self->label);
        /* Translators: shown in an empty slot, %s is the slot's name, e.g. “Lateral” */
        empty = g_strdup_printf (_("No %s Image"), self->label);
        adw_status_page_set_title (self->empty_page, empty);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hilum_image_slot_class_init (HilumImageSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hilum_image_slot_dispose;
  object_class->finalize = hilum_image_slot_finalize;
  object_class->get_property = hilum_image_slot_get_property;
  object_class->set_property = hilum_image_slot_set_property;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      HILUM_SLOT_STATE_EMPTY, HILUM_SLOT_STATE_ERROR, HILUM_SLOT_STATE_EMPTY,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HILUM_TYPE_IMAGE_VIEW);
  hilum_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hilum/Hilum/hilum-image-slot.ui");
  gtk_widget_class_bind_template_child (widget_class, HilumImageSlot, box);
  gtk_widget_class_bind_template_child (widget_class, HilumImageSlot, title_label);
  gtk_widget_class_bind_template_child (widget_class, HilumImageSlot, detail_label);
  gtk_widget_class_bind_template_child (widget_class, HilumImageSlot, file_label);
  gtk_widget_class_bind_template_child (widget_class, HilumImageSlot, menu_button);
  gtk_widget_class_bind_template_child (widget_class, HilumImageSlot, stack);
  gtk_widget_class_bind_template_child (widget_class, HilumImageSlot, empty_page);
  gtk_widget_class_bind_template_child (widget_class, HilumImageSlot, error_page);
  gtk_widget_class_bind_template_child (widget_class, HilumImageSlot, spinner);
  gtk_widget_class_bind_template_child (widget_class, HilumImageSlot, view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "imageslot");
}

static void
hilum_image_slot_init (HilumImageSlot *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
hilum_image_slot_new (const char *label)
{
  return g_object_new (HILUM_TYPE_IMAGE_SLOT, "label", label, NULL);
}

HilumImageView *
hilum_image_slot_get_view (HilumImageSlot *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_SLOT (self), NULL);

  return self->view;
}

HilumSlotState
hilum_image_slot_get_state (HilumImageSlot *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_SLOT (self), HILUM_SLOT_STATE_EMPTY);

  return self->state;
}

const char *
hilum_image_slot_get_error (HilumImageSlot *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_SLOT (self), NULL);

  return self->error;
}

const char *
hilum_image_slot_get_label (HilumImageSlot *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_SLOT (self), NULL);

  return self->label;
}

const char *
hilum_image_slot_get_path (HilumImageSlot *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_SLOT (self), NULL);

  return self->path;
}

void
hilum_image_slot_set_empty (HilumImageSlot *self)
{
  g_return_if_fail (HILUM_IS_IMAGE_SLOT (self));

  g_clear_pointer (&self->error, g_free);
  hilum_image_view_set_image (self->view, NULL);
  hilum_image_slot_set_state (self, HILUM_SLOT_STATE_EMPTY, NULL);
}

void
hilum_image_slot_set_loading (HilumImageSlot *self,
                              const char     *path)
{
  g_return_if_fail (HILUM_IS_IMAGE_SLOT (self));

  g_clear_pointer (&self->error, g_free);
  hilum_image_view_set_image (self->view, NULL);
  hilum_image_slot_set_state (self, HILUM_SLOT_STATE_LOADING, path);
}

void
hilum_image_slot_set_image (HilumImageSlot *self,
                            const char     *path,
                            HilumImage     *image)
{
  g_return_if_fail (HILUM_IS_IMAGE_SLOT (self));
  g_return_if_fail (HILUM_IS_IMAGE (image));

  g_clear_pointer (&self->error, g_free);
  hilum_image_view_set_image (self->view, image);
  hilum_image_slot_set_state (self, HILUM_SLOT_STATE_IMAGE, path);
}

void
hilum_image_slot_set_unavailable (HilumImageSlot *self,
                                  const char     *path,
                                  const char     *message)
{
  g_return_if_fail (HILUM_IS_IMAGE_SLOT (self));

  hilum_image_slot_set_error (self, path, message);
  adw_status_page_set_title (self->error_page, _("Not Downloaded"));
  adw_status_page_set_icon_name (self->error_page, "folder-download-symbolic");
}

void
hilum_image_slot_set_error (HilumImageSlot *self,
                            const char     *path,
                            const char     *message)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (HILUM_IS_IMAGE_SLOT (self));

  adw_status_page_set_title (self->error_page, _("Could Not Open the Image"));
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");

  g_free (self->error);
  self->error = g_strdup (message);
  /* The description is markup; a file name may hold '&' or '<'. */
  markup = g_markup_escape_text (message ? message : "", -1);
  adw_status_page_set_description (self->error_page, markup);
  hilum_image_view_set_image (self->view, NULL);
  hilum_image_slot_set_state (self, HILUM_SLOT_STATE_ERROR, path);
}

void
hilum_image_slot_set_detail (HilumImageSlot *self,
                             const char     *detail)
{
  g_return_if_fail (HILUM_IS_IMAGE_SLOT (self));

  gtk_label_set_label (self->detail_label, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL && *detail != '\0');
}

const char *
hilum_image_slot_get_detail (HilumImageSlot *self)
{
  g_return_val_if_fail (HILUM_IS_IMAGE_SLOT (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->detail_label)))
    return NULL;
  return gtk_label_get_label (self->detail_label);
}

void
hilum_image_slot_set_menu (HilumImageSlot *self,
                           GMenuModel     *menu)
{
  g_return_if_fail (HILUM_IS_IMAGE_SLOT (self));

  gtk_menu_button_set_menu_model (self->menu_button, menu);
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), menu != NULL);
}
