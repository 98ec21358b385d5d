/* hilum-study-view-actions.c — the "study." actions: presets, frames, swapping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-study-view-actions"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hilum-image.h"
#include "hilum-study-view-private.h"
#include "hilum-viewport.h"

void
_hilum_study_view_rebuild_presets_menu (HilumStudyView *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) user = g_menu_new ();
  g_autoptr(GMenu) manage = g_menu_new ();
  guint n = hilum_preset_store_get_n_presets (self->preset_store);

  for (guint i = 0; i < n; i++)
    {
      const char *name;
      g_autoptr(GMenuItem) item = NULL;

      hilum_preset_store_get_preset (self->preset_store, i, &name, NULL, NULL);
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "study.user-preset", g_variant_new_uint32 (i));
      g_menu_append_item (user, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (user));

  g_menu_append (manage, _("_Save Current Window as Preset…"), "study.save-preset");
  g_menu_append (manage, _("_Manage Presets…"), "app.preferences");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (manage));

  gtk_menu_button_set_menu_model (self->presets_button, G_MENU_MODEL (menu));
}

static void
hilum_study_view_step_frame (HilumStudyView *self,
                             int             step)
{
  HilumImageView *view = hilum_image_slot_get_view (self->slots[self->active]);
  HilumImage *image = hilum_image_view_get_image (view);
  int frame;

  if (image == NULL)
    return;

  frame = (int) hilum_image_view_get_frame (view) + step;
  frame = CLAMP (frame, 0, (int) hilum_image_get_n_frames (image) - 1);
  hilum_image_view_set_frame (view, frame);
}

static void
next_frame_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  hilum_study_view_step_frame (HILUM_STUDY_VIEW (widget), 1);
}

static void
previous_frame_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  hilum_study_view_step_frame (HILUM_STUDY_VIEW (widget), -1);
}

static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  HilumPreset preset;

  if (hilum_preset_from_name (g_variant_get_string (param, NULL), &preset))
    hilum_study_view_apply_preset (HILUM_STUDY_VIEW (widget), preset);
}

static void
user_preset_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  HilumStudyView *self = HILUM_STUDY_VIEW (widget);
  HilumImageView *view = hilum_image_slot_get_view (self->slots[self->active]);
  double center, width;

  if (hilum_image_view_get_image (view) == NULL)
    return;

  /* User presets are absolute values: they apply to the selected image; linking
   * carries the change to the others. */
  if (hilum_preset_store_get_preset (self->preset_store, g_variant_get_uint32 (param),
                                     NULL, &center, &width))
    hilum_viewport_set_window (hilum_image_view_get_viewport (view), center, width);
}

static void
save_preset_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         HilumStudyView   *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  HilumViewport *viewport;
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (*name == '\0')
    return;

  viewport = hilum_image_view_get_viewport (hilum_image_slot_get_view (self->slots[self->active]));
  hilum_preset_store_add (self->preset_store, name,
                          hilum_viewport_get_window_center (viewport),
                          hilum_viewport_get_window_width (viewport));
}

static void
entry_activate_cb (GtkEntry         *entry,
                   AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "save");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
save_preset_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  HilumStudyView *self = HILUM_STUDY_VIEW (widget);
  HilumImageView *view = hilum_image_slot_get_view (self->slots[self->active]);
  HilumViewport *viewport = hilum_image_view_get_viewport (view);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (hilum_image_view_get_image (view) == NULL)
    return;

  /* Translators: %s is the slot name (Frontal, Lateral); the numbers are the
   * window center and width */
  body = g_strdup_printf (_("Save the window of the %s image (center %.0f, width %.0f) under a name."),
                          hilum_image_slot_get_label (self->slots[self->active]),
                          hilum_viewport_get_window_center (viewport),
                          hilum_viewport_get_window_width (viewport));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Save Window Preset"), body);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Preset name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_preset_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
swap_views_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  hilum_study_view_swap_views (HILUM_STUDY_VIEW (widget));
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  guint slot;
  const char *path;

  g_variant_get (param, "(u&s)", &slot, &path);
  if (slot < HILUM_N_SLOTS)
    hilum_study_view_assign (HILUM_STUDY_VIEW (widget), slot, path);
}

void
_hilum_study_view_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "study.preset", "s", preset_action);
  gtk_widget_class_install_action (widget_class, "study.user-preset", "u", user_preset_action);
  gtk_widget_class_install_action (widget_class, "study.save-preset", NULL, save_preset_action);
  gtk_widget_class_install_action (widget_class, "study.swap-views", NULL, swap_views_action);
  gtk_widget_class_install_action (widget_class, "study.assign", "(us)", assign_action);
  gtk_widget_class_install_action (widget_class, "study.next-frame", NULL, next_frame_action);
  gtk_widget_class_install_action (widget_class, "study.previous-frame", NULL, previous_frame_action);
  gtk_widget_class_install_property_action (widget_class, "study.link-window-level", "link-window-level");

  /* Bubble phase: the focused image view sees its keys first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "study.next-frame", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Down, 0, "study.next-frame", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "study.previous-frame", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Up, 0, "study.previous-frame", NULL);
}
