/* hilum-decoder.c — decoding images in the hilum-decode helper process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GDCM may abort() on a malformed file, so the app never decodes in its own process:
 * it runs hilum-decode (src/dicom), reads one JSON line and the pixels from its stdout
 * (protocol in hilum-decode-protocol.h) and turns an exit code, a signal or a timeout
 * into a GError a radiologist can understand.
 */
#define G_LOG_DOMAIN "hilum-decoder"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <json-glib/json-glib.h>

#include "hilum-decode-protocol.h"
#include "hilum-decoder.h"
#include "hilum-decoder-private.h"
#include "hilum-json.h"
#include "hilum-image.h"

/* A decode that takes longer than this is stopped and reported as a crash. */
#define HELPER_TIMEOUT_USEC (60 * G_USEC_PER_SEC)
/* The JSON line is a few hundred bytes; more means the helper is not speaking the protocol. */
#define MAX_HEADER_BYTES (1024 * 1024)
/* Only the end of stderr matters (the reason line); codec libraries may chatter before it. */
#define MAX_STDERR_BYTES (16 * 1024)

G_DEFINE_QUARK (hilum-decode-error-quark, hilum_decode_error)

static const char *const string_keys[] = HILUM_DECODE_STRING_KEYS;

/**
 * hilum_decoder_get_helper_path:
 *
 * Returns: (transfer none): $HILUM_DECODE if set, else the installed helper if it
 *   exists, else the one in the build tree
 */
const char *
hilum_decoder_get_helper_path (void)
{
  const char *env = g_getenv ("HILUM_DECODE");

  if (env != NULL && env[0] != '\0')
    return env;
  if (g_file_test (HILUM_DECODE_INSTALLED, G_FILE_TEST_IS_EXECUTABLE))
    return HILUM_DECODE_INSTALLED;
  return HILUM_DECODE_UNINSTALLED;
}

/* $HILUM_DECODE_TIMEOUT (seconds) shortens the limit for tests. */
static gint64
helper_timeout_usec (void)
{
  const char *env = g_getenv ("HILUM_DECODE_TIMEOUT");
  gint64 seconds = env != NULL ? g_ascii_strtoll (env, NULL, 10) : 0;

  return seconds > 0 ? seconds * G_USEC_PER_SEC : HELPER_TIMEOUT_USEC;
}

/* --- messages ----------------------------------------------------------------- */

static GError *
decode_error_for_reason (const char *path,
                         int         exit_code,
                         const char *reason,
                         const char *details)
{
  g_autofree char *name = g_filename_display_basename (path);

  reason = reason != NULL ? reason : "";
  details = details != NULL ? details : "";

  switch (exit_code)
    {
    case HILUM_DECODE_EXIT_NOT_FOUND:
      if (g_str_equal (reason, HILUM_DECODE_REASON_NO_FILE))
        return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_NOT_FOUND,
                            _("“%s” could not be opened: the file does not exist."), name);
      return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_NOT_FOUND,
                          _("“%s” could not be opened: you may not have permission to read it, "
                            "or the disk could not be read."), name);

    case HILUM_DECODE_EXIT_NOT_AN_IMAGE:
      if (g_str_equal (reason, HILUM_DECODE_REASON_DICOMDIR))
        return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_NOT_AN_IMAGE,
                            _("“%s” contains no image: it is the index of a DICOM disc or "
                              "folder. Open the folder instead."), name);
      if (g_str_equal (reason, HILUM_DECODE_REASON_NO_PIXEL_DATA))
        return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_NOT_AN_IMAGE,
                            _("“%s” contains no image: it is a DICOM file without pixel data "
                              "(for example a report or a structured document)."), name);
      return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_NOT_AN_IMAGE,
                          _("“%s” is not an image Hilum can open: it is neither DICOM, PNG "
                            "nor JPEG."), name);

    case HILUM_DECODE_EXIT_DAMAGED:
      if (g_str_equal (reason, HILUM_DECODE_REASON_TRUNCATED))
        return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_DAMAGED,
                            _("“%s” is damaged: the image data is incomplete (the file was "
                              "probably truncated)."), name);
      if (g_str_equal (reason, HILUM_DECODE_REASON_BAD_HEADER))
        return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_DAMAGED,
                            _("“%s” is damaged: its DICOM header cannot be read."), name);
      return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_DAMAGED,
                          _("“%s” is damaged: the image data is corrupt and cannot be "
                            "decoded."), name);

    case HILUM_DECODE_EXIT_UNSUPPORTED:
      if (g_str_equal (reason, HILUM_DECODE_REASON_PHOTOMETRIC))
        /* Translators: the second %s is a DICOM term such as “YBR_PARTIAL_420” */
        return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_UNSUPPORTED,
                            _("“%s” cannot be shown: its color model (%s) is not supported."),
                            name, details);
      if (g_str_equal (reason, HILUM_DECODE_REASON_FLOAT))
        return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_UNSUPPORTED,
                            _("“%s” cannot be shown: its pixels are floating-point numbers, "
                              "which Hilum does not support."), name);
      if (g_str_equal (reason, HILUM_DECODE_REASON_COMPRESSION))
        return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_UNSUPPORTED,
                            _("“%s” cannot be shown: it is compressed with a method Hilum "
                              "cannot decode."), name);
      if (g_str_equal (reason, HILUM_DECODE_REASON_TOO_LARGE))
        return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_UNSUPPORTED,
                            _("“%s” cannot be shown: it is too large to decode safely."), name);
      return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_UNSUPPORTED,
                          _("“%s” cannot be shown: its pixel format is not supported."), name);

    default:
      return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_CRASHED,
                          _("“%s” could not be read: the decoder stopped unexpectedly (the "
                            "file is probably malformed)."), name);
    }
}

static GError *
crashed_error (const char *path)
{
  return decode_error_for_reason (path, -1, NULL, NULL);
}

static GError *
timeout_error (const char *path)
{
  g_autofree char *name = g_filename_display_basename (path);

  return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_CRASHED,
                      _("“%s” could not be read: decoding took more than a minute and was "
                        "stopped (the file is probably malformed)."), name);
}

static GError *
invalid_output_error (const char *path)
{
  g_autofree char *name = g_filename_display_basename (path);

  return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_CRASHED,
                      _("“%s” could not be read: the image decoder returned invalid data."),
                      name);
}

static GError *
helper_missing_error (const char *path,
                      const char *details)
{
  g_autofree char *name = g_filename_display_basename (path);

  return g_error_new (HILUM_DECODE_ERROR, HILUM_DECODE_ERROR_CRASHED,
                      _("“%s” could not be read: Hilum’s image decoder could not be started (%s)."),
                      name, details);
}

/* The helper's last stderr line: "hilum-decode: <reason>: <details>". */
static GError *
error_from_stderr (const char *path,
                   int         exit_code,
                   GString    *err)
{
  g_autofree char *reason = NULL;
  const char *details = "";
  const char *line = NULL;
  g_auto(GStrv) lines = g_strsplit (err->str, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], HILUM_DECODE_REASON_PREFIX))
      line = lines[i] + strlen (HILUM_DECODE_REASON_PREFIX);

  if (line != NULL)
    {
      const char *colon = strstr (line, ": ");

      reason = colon != NULL ? g_strndup (line, colon - line) : g_strdup (line);
      details = colon != NULL ? colon + 2 : "";
      g_debug ("%s: %s: %s", path, reason, details);
    }

  if (g_strcmp0 (reason, HILUM_DECODE_REASON_HELPER_MISSING) == 0)
    return helper_missing_error (path, details);
  return decode_error_for_reason (path, exit_code, reason, details);
}

/* --- talking to the helper --------------------------------------------------- */

typedef enum
{
  WAIT_READY,
  WAIT_TIMEOUT,
  WAIT_CANCELLED,
} WaitResult;

typedef struct
{
  int out_fd;
  int err_fd;                   /* -1 once at end of file */
  gint64 deadline;
  GCancellable *cancellable;
  GString *err;
} Pipes;

static void
pipes_drain_stderr (Pipes *pipes)
{
  char buffer[4096];
  gssize n;

  do
    n = read (pipes->err_fd, buffer, sizeof buffer);
  while (n < 0 && errno == EINTR);

  if (n <= 0)
    {
      pipes->err_fd = -1;
      return;
    }

  g_string_append_len (pipes->err, buffer, n);
  if (pipes->err->len > MAX_STDERR_BYTES)
    g_string_erase (pipes->err, 0, pipes->err->len - MAX_STDERR_BYTES / 2);
}

/* Waits until stdout is readable (data or end of file), reading stderr meanwhile so
 * that a chatty codec can never block the helper. With @out_fd -1, waits for stderr's
 * end instead. */
static WaitResult
pipes_wait (Pipes *pipes,
            int    out_fd)
{
  for (;;)
    {
      GPollFD fds[3];
      guint n = 0, out_at = G_MAXUINT, err_at = G_MAXUINT, cancel_at = G_MAXUINT;
      gint64 remaining;
      int r;

      if (out_fd < 0 && pipes->err_fd < 0)
        return WAIT_READY;
      if (g_cancellable_is_cancelled (pipes->cancellable))
        return WAIT_CANCELLED;
      remaining = pipes->deadline - g_get_monotonic_time ();
      if (remaining <= 0)
        return WAIT_TIMEOUT;

      if (out_fd >= 0)
        {
          out_at = n;
          fds[n++] = (GPollFD) { out_fd, G_IO_IN | G_IO_HUP | G_IO_ERR, 0 };
        }
      if (pipes->err_fd >= 0)
        {
          err_at = n;
          fds[n++] = (GPollFD) { pipes->err_fd, G_IO_IN | G_IO_HUP | G_IO_ERR, 0 };
        }
      if (pipes->cancellable != NULL && g_cancellable_make_pollfd (pipes->cancellable, &fds[n]))
        cancel_at = n++;

      r = g_poll (fds, n, (int) MIN (remaining / 1000 + 1, G_MAXINT));
      if (cancel_at != G_MAXUINT)
        g_cancellable_release_fd (pipes->cancellable);
      if (r < 0 && errno != EINTR)
        return WAIT_TIMEOUT;
      if (r <= 0)
        continue;

      if (err_at != G_MAXUINT && fds[err_at].revents != 0)
        pipes_drain_stderr (pipes);
      if (out_at != G_MAXUINT && fds[out_at].revents != 0)
        return WAIT_READY;
    }
}

/* Reads up to @n bytes of stdout; 0 at end of file, -1 on error, timeout or cancel
 * (@wait says which). */
static gssize
pipes_read (Pipes      *pipes,
            void       *buffer,
            gsize       n,
            WaitResult *wait)
{
  gssize r;

  *wait = pipes_wait (pipes, pipes->out_fd);
  if (*wait != WAIT_READY)
    return -1;

  do
    r = read (pipes->out_fd, buffer, n);
  while (r < 0 && errno == EINTR);

  return r;
}

typedef struct
{
  JsonObject *header;
  guint8 *pixels;
  gsize n_pixel_bytes;
} HelperOutput;

static void
helper_output_clear (HelperOutput *output)
{
  g_clear_pointer (&output->header, json_object_unref);
  g_clear_pointer (&output->pixels, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HelperOutput, helper_output_clear)

static gint64
member_int (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : -1;
}

/* The number of pixel bytes the header announces, or -1 when it is inconsistent. */
static gint64
expected_pixel_bytes (JsonObject *header)
{
  gint64 width = member_int (header, HILUM_DECODE_KEY_WIDTH);
  gint64 height = member_int (header, HILUM_DECODE_KEY_HEIGHT);
  gint64 frames = member_int (header, HILUM_DECODE_KEY_FRAMES);
  gint64 bytes = member_int (header, HILUM_DECODE_KEY_PIXEL_BYTES);
  const char *pixels = hilum_json_get_string (header, HILUM_DECODE_KEY_PIXELS, "");
  gint64 per_pixel;

  if (width < 0 || width > G_MAXUINT16 || height < 0 || height > G_MAXUINT16
      || frames < 1 || frames > 100000)
    return -1;

  if (g_str_equal (pixels, HILUM_DECODE_PIXELS_GRAY16))
    per_pixel = 2;
  else if (g_str_equal (pixels, HILUM_DECODE_PIXELS_RGB8))
    per_pixel = 3;
  else if (g_str_equal (pixels, HILUM_DECODE_PIXELS_NONE))
    per_pixel = 0;
  else
    return -1;

  return bytes == width * height * frames * per_pixel ? bytes : -1;
}

typedef enum
{
  READ_OK,
  READ_INVALID,
  READ_TOO_LARGE,
  READ_TIMEOUT,
  READ_CANCELLED,
} ReadResult;

static ReadResult
read_result_for (WaitResult wait)
{
  return wait == WAIT_TIMEOUT ? READ_TIMEOUT
         : wait == WAIT_CANCELLED ? READ_CANCELLED : READ_INVALID;
}

/* (transfer full) (nullable) the helper's JSON line, when it is an object (nested no
 * deeper than a header ever is). */
static JsonObject *
parse_header_line (const guint8 *line,
                   gsize         length)
{
  g_autoptr(JsonNode) root = hilum_json_depth_within ((const char *) line, (gssize) length, 8)
                             ? hilum_json_parse ((const char *) line, (gssize) length, NULL) : NULL;

  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_object_ref (json_node_get_object (root)) : NULL;
}

/* Reads the JSON line and the pixels straight into their final buffer. Anything short
 * of the announced bytes is READ_INVALID; the exit status decides what it means. */
static ReadResult
read_helper_output (Pipes        *pipes,
                    HelperOutput *output)
{
  g_autoptr(GByteArray) head = g_byte_array_new ();
  WaitResult wait = WAIT_READY;
  guint8 *newline = NULL;
  gsize line_length, leftover, got;
  gint64 expected;

  while (newline == NULL)
    {
      guint8 chunk[64 * 1024];
      gssize n = pipes_read (pipes, chunk, sizeof chunk, &wait);

      if (n <= 0)
        return read_result_for (wait);
      g_byte_array_append (head, chunk, n);
      newline = memchr (head->data, '\n', head->len);
      if (newline == NULL && head->len > MAX_HEADER_BYTES)
        return READ_INVALID;
    }

  line_length = newline - head->data;
  if ((output->header = parse_header_line (head->data, line_length)) == NULL)
    return READ_INVALID;

  expected = expected_pixel_bytes (output->header);
  if (expected < 0)
    return READ_INVALID;

  output->n_pixel_bytes = expected;
  if (expected == 0)
    return READ_OK;
  output->pixels = g_try_malloc (expected);
  if (output->pixels == NULL)
    return READ_TOO_LARGE;

  leftover = MIN (head->len - line_length - 1, (gsize) expected);
  memcpy (output->pixels, newline + 1, leftover);
  got = leftover;

  while (got < (gsize) expected)
    {
      gssize n = pipes_read (pipes, output->pixels + got, expected - got, &wait);

      if (n <= 0)
        return read_result_for (wait);
      got += n;
    }

  return READ_OK;
}

static HilumVoiFunction
voi_function_from_string (const char *name)
{
  if (g_strcmp0 (name, "LINEAR_EXACT") == 0)
    return HILUM_VOI_LINEAR_EXACT;
  if (g_strcmp0 (name, "SIGMOID") == 0)
    return HILUM_VOI_SIGMOID;
  return HILUM_VOI_LINEAR;
}

/* A number of a helper's list, 0 when it is something else. */
static double
element_double (JsonArray *array,
                guint      index)
{
  double value = 0;

  return hilum_json_node_get_number (json_array_get_element (array, index), &value) ? value : 0;
}

static double
member_double (JsonObject *object,
               const char *key,
               double      fallback)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : fallback;
}

static HilumImage *
build_image (const char   *path,
             HelperOutput *output)
{
  JsonObject *h = output->header;
  const char *pixels = hilum_json_get_string (h, HILUM_DECODE_KEY_PIXELS, "");
  guint width = member_int (h, HILUM_DECODE_KEY_WIDTH);
  guint height = member_int (h, HILUM_DECODE_KEY_HEIGHT);
  guint frames = member_int (h, HILUM_DECODE_KEY_FRAMES);
  guint samples = MAX (member_int (h, HILUM_DECODE_KEY_SAMPLES_PER_PIXEL), 1);
  HilumImageInfo info = { 0, };
  HilumImage *image;
  JsonArray *centers, *widths, *spacing;
  JsonNode *node;

  const char *photometric = hilum_json_get_string (h, HILUM_IMAGE_PHOTOMETRIC, "");

  /* Without pixels, say what a full decode would give: palettes become RGB. */
  if (g_str_equal (pixels, HILUM_DECODE_PIXELS_RGB8)
      || (g_str_equal (pixels, HILUM_DECODE_PIXELS_NONE)
          && (samples == 3 || g_str_equal (photometric, "PALETTE COLOR"))))
    image = hilum_image_new_rgb (width, height, frames, g_steal_pointer (&output->pixels));
  else
    image = hilum_image_new_gray (width, height, frames,
                                  (guint16 *) g_steal_pointer (&output->pixels),
                                  member_double (h, HILUM_DECODE_KEY_VALUE_SCALE, 1.0),
                                  member_double (h, HILUM_DECODE_KEY_VALUE_OFFSET, 0.0));
  /* A header-only image has no pixels: there was nothing to steal. */
  g_clear_pointer (&output->pixels, g_free);

  hilum_image_set_path (image, path);
  for (guint i = 0; i < G_N_ELEMENTS (string_keys); i++)
    hilum_image_set_string (image, string_keys[i],
                            hilum_json_get_string (h, string_keys[i], ""));

  info.bits_allocated = MAX (member_int (h, HILUM_DECODE_KEY_BITS_ALLOCATED), 0);
  info.bits_stored = MAX (member_int (h, HILUM_DECODE_KEY_BITS_STORED), 0);
  info.pixel_representation = MAX (member_int (h, HILUM_DECODE_KEY_PIXEL_REPRESENTATION), 0);
  info.samples_per_pixel = samples;
  info.rescale_slope = member_double (h, HILUM_DECODE_KEY_RESCALE_SLOPE, 1.0);
  info.rescale_intercept = member_double (h, HILUM_DECODE_KEY_RESCALE_INTERCEPT, 0.0);
  node = json_object_get_member (h, HILUM_DECODE_KEY_INVERTED_DISPLAY);
  info.inverted_display = node != NULL && JSON_NODE_HOLDS_VALUE (node)
                          && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
  info.voi_function = voi_function_from_string (hilum_json_get_string (h, HILUM_DECODE_KEY_VOI_FUNCTION, ""));

  node = json_object_get_member (h, HILUM_DECODE_KEY_PIXEL_SPACING);
  spacing = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (spacing != NULL && json_array_get_length (spacing) == 2)
    {
      info.has_pixel_spacing = TRUE;
      info.pixel_spacing[0] = element_double (spacing, 0);
      info.pixel_spacing[1] = element_double (spacing, 1);
    }
  hilum_image_set_info (image, &info);

  node = json_object_get_member (h, HILUM_DECODE_KEY_WINDOW_CENTER);
  centers = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  node = json_object_get_member (h, HILUM_DECODE_KEY_WINDOW_WIDTH);
  widths = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (centers != NULL && widths != NULL)
    for (guint i = 0; i < MIN (json_array_get_length (centers), json_array_get_length (widths)); i++)
      hilum_image_add_window (image, element_double (centers, i), element_double (widths, i));

  /* Compute the value range here, off the UI thread, rather than on first use. */
  if (!g_str_equal (pixels, HILUM_DECODE_PIXELS_NONE))
    hilum_image_get_index_count (image);

  return image;
}

/* --- starting the helper ------------------------------------------------------
 *
 * Starting hilum-decode-dicom costs ~14 ms, mostly GDCM building its dictionaries as it
 * is loaded. So a few helpers are started ahead of time with --serve; each waits for one
 * request on a socket (not a pipe: writing to a helper that died must not raise SIGPIPE
 * in the app) and then works like a fresh one. Every helper still decodes a single file
 * and exits: a crash still takes only that file with it.
 */

/* Two: opening a study decodes two images at once. */
#define MAX_SPARES 2

typedef struct
{
  GSubprocess *process;
  int request_fd;
  char *helper;
} Spare;

G_LOCK_DEFINE_STATIC (spares);
static GQueue spares = G_QUEUE_INIT;

static void
spare_free (Spare *spare)
{
  if (spare->request_fd >= 0)
    close (spare->request_fd);
  g_clear_object (&spare->process);
  g_free (spare->helper);
  g_free (spare);
}

/* An unused spare: closing its socket ends it, the kill covers a helper that hangs. */
static void
spare_discard (Spare *spare)
{
  g_subprocess_force_exit (spare->process);
  spare_free (spare);
}

/* $HILUM_DECODE_SPARES=0 turns them off (for debugging the helper). */
static gboolean
spares_enabled (void)
{
  return g_strcmp0 (g_getenv ("HILUM_DECODE_SPARES"), "0") != 0;
}

/* Helpers decode at a lower CPU priority than the app. Opening a study runs two at
 * once; on a two-core machine they took both cores from the UI thread, whose frames then
 * blocked for 20-50 ms while doing 1-2 ms of work (bench-open-study). Run in the child
 * between fork and exec: only async-signal-safe calls. */
static void
lower_priority (gpointer user_data)
{
  (void) setpriority (PRIO_PROCESS, 0, 10);
}

static Spare *
spare_spawn (const char *helper)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  const char *argv[] = { helper, "--serve", NULL };
  GSubprocess *process;
  Spare *spare;
  int fds[2];

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    return NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, lower_priority, NULL, NULL);
  g_subprocess_launcher_take_stdin_fd (launcher, fds[1]);
  process = g_subprocess_launcher_spawnv (launcher, argv, NULL);
  if (process == NULL)
    {
      close (fds[0]);
      return NULL;
    }

  spare = g_new0 (Spare, 1);
  spare->process = process;
  spare->request_fd = fds[0];
  spare->helper = g_strdup (helper);
  return spare;
}

/* Takes a waiting helper of @helper, if there is one. */
static Spare *
spares_take (const char *helper)
{
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func ((GDestroyNotify) spare_discard);
  Spare *taken = NULL;

  G_LOCK (spares);
  while (!g_queue_is_empty (&spares) && taken == NULL)
    {
      Spare *spare = g_queue_pop_head (&spares);

      /* A helper that has exited (or that $HILUM_DECODE no longer names) is no use. */
      if (g_str_equal (spare->helper, helper)
          && g_subprocess_get_identifier (spare->process) != NULL)
        taken = spare;
      else
        g_ptr_array_add (stale, spare);
    }
  G_UNLOCK (spares);

  return taken;
}

/* Called once a decode is done, so that loading the next helpers does not compete
 * with it for the CPU. */
static void
spares_refill (const char *helper)
{
  guint count;

  if (!spares_enabled ())
    return;

  G_LOCK (spares);
  count = g_queue_get_length (&spares);
  G_UNLOCK (spares);

  for (; count < MAX_SPARES; count++)
    {
      Spare *fresh = spare_spawn (helper);

      if (fresh == NULL)
        break;
      G_LOCK (spares);
      if (g_queue_get_length (&spares) < MAX_SPARES)
        g_queue_push_tail (&spares, g_steal_pointer (&fresh));
      G_UNLOCK (spares);
      g_clear_pointer (&fresh, spare_discard);
    }
}

static gboolean
spare_send (Spare      *spare,
            gboolean    header_only,
            const char *path)
{
  g_autoptr(GByteArray) request = g_byte_array_new ();
  const char *mode = header_only ? "header" : "full";
  gsize sent = 0;

  g_byte_array_append (request, (const guint8 *) mode, strlen (mode) + 1);
  g_byte_array_append (request, (const guint8 *) path, strlen (path) + 1);

  while (sent < request->len)
    {
      gssize n = send (spare->request_fd, request->data + sent, request->len - sent, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      sent += n;
    }

  close (spare->request_fd);
  spare->request_fd = -1;
  return TRUE;
}

static GSubprocess *
start_helper (const char *path,
              gboolean    header_only,
              GError    **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) spawn_error = NULL;
  const char *helper = hilum_decoder_get_helper_path ();
  GSubprocess *process;
  const char *argv[6];
  guint argc = 0;

  if (spares_enabled ())
    {
      Spare *spare = spares_take (helper);

      if (spare != NULL)
        {
          process = spare_send (spare, header_only, path) ? g_object_ref (spare->process) : NULL;
          if (process != NULL)
            spare_free (spare);
          else
            spare_discard (spare);
          if (process != NULL)
            return process;
        }
    }

  argv[argc++] = helper;
  if (header_only)
    argv[argc++] = "--header-only";
  argv[argc++] = "--";
  argv[argc++] = path;
  argv[argc] = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, lower_priority, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &spawn_error);
  if (process == NULL)
    g_propagate_error (error, helper_missing_error (path, spawn_error->message));
  return process;
}

static HilumImage *
run_helper_once (const char   *path,
                 gboolean      header_only,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GString) err = g_string_new (NULL);
  g_auto(HelperOutput) output = { NULL, };
  ReadResult result;
  Pipes pipes;
  int status;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  process = start_helper (path, header_only, error);
  if (process == NULL)
    return NULL;

  pipes.out_fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (process)));
  pipes.err_fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stderr_pipe (process)));
  pipes.deadline = g_get_monotonic_time () + helper_timeout_usec ();
  pipes.cancellable = cancellable;
  pipes.err = err;

  result = read_helper_output (&pipes, &output);

  if (result == READ_TIMEOUT || result == READ_CANCELLED)
    {
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
      if (result == READ_CANCELLED)
        g_cancellable_set_error_if_cancelled (cancellable, error);
      else
        g_propagate_error (error, timeout_error (path));
      return NULL;
    }

  /* The reason line arrives on stderr just before the helper exits. */
  if (pipes_wait (&pipes, -1) != WAIT_READY)
    g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);

  if (g_subprocess_get_if_signaled (process))
    {
      g_debug ("%s: the helper died of signal %d: %s", path,
               g_subprocess_get_term_sig (process), err->str);
      /* Its CPU limit (a minute of decoding) ran out. */
      if (g_subprocess_get_term_sig (process) == SIGXCPU)
        g_propagate_error (error, timeout_error (path));
      else
        g_propagate_error (error, crashed_error (path));
      return NULL;
    }

  status = g_subprocess_get_exit_status (process);
  if (status != HILUM_DECODE_EXIT_OK)
    {
      g_propagate_error (error, error_from_stderr (path, status, err));
      return NULL;
    }

  if (result == READ_TOO_LARGE)
    {
      g_propagate_error (error, decode_error_for_reason (path, HILUM_DECODE_EXIT_UNSUPPORTED,
                                                         HILUM_DECODE_REASON_TOO_LARGE, NULL));
      return NULL;
    }
  if (result != READ_OK)
    {
      g_propagate_error (error, invalid_output_error (path));
      return NULL;
    }

  return build_image (path, &output);
}

static HilumImage *
run_helper (const char   *path,
            gboolean      header_only,
            GCancellable *cancellable,
            GError      **error)
{
  HilumImage *image = run_helper_once (path, header_only, cancellable, error);

  spares_refill (hilum_decoder_get_helper_path ());
  return image;
}

/* --- public API --------------------------------------------------------------- */

/**
 * hilum_decode_file:
 * @path: a DICOM, PNG or JPEG file
 *
 * Decodes metadata and every frame in the helper process. Blocks: call it from a
 * worker thread, or use hilum_decode_file_async().
 *
 * Returns: (transfer full): the image, or %NULL with @error set (HILUM_DECODE_ERROR,
 *   or G_IO_ERROR_CANCELLED) to a translated message that names the file
 */
HilumImage *
hilum_decode_file (const char   *path,
                   GCancellable *cancellable,
                   GError      **error)
{
  return run_helper (path, FALSE, cancellable, error);
}

/**
 * hilum_decode_header:
 * @path: a DICOM, PNG or JPEG file
 *
 * Reads only the metadata (the pixel data are not even read): what grouping many
 * files into studies needs.
 *
 * Returns: (transfer full): an image with metadata but no pixels, or %NULL with @error
 */
HilumImage *
hilum_decode_header (const char   *path,
                     GCancellable *cancellable,
                     GError      **error)
{
  return run_helper (path, TRUE, cancellable, error);
}

static void
decode_file_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *path = task_data;
  gboolean header_only = g_task_get_source_tag (task) == hilum_decode_header_async;
  GError *error = NULL;
  HilumImage *image = run_helper (path, header_only, cancellable, &error);

  if (image == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A header is looked up by its file (the prior of a study): never without one. */
  if (header_only && *hilum_image_get_path (image) == '\0')
    hilum_image_set_path (image, path);
  g_task_return_pointer (task, image, g_object_unref);
}

/**
 * hilum_decode_file_async:
 *
 * Decodes @path in the helper process from a worker thread, where the image is built
 * too: nothing runs in the calling thread. Several calls decode in parallel, each in
 * its own helper process (a study's two images on two cores).
 */
void
hilum_decode_file_async (const char          *path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hilum_decode_file_async);
  g_task_set_name (task, "hilum_decode_file_async");
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, decode_file_thread);
}

/**
 * hilum_decode_file_finish:
 *
 * Returns: (transfer full): the image, or %NULL with @error set
 */
HilumImage *
hilum_decode_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hilum_decode_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * hilum_decode_header_async:
 *
 * Reads @path's header (hilum_decode_header()) in the helper process from a worker
 * thread. The image's path is @path when the file does not give one.
 */
void
hilum_decode_header_async (const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hilum_decode_header_async);
  g_task_set_name (task, "hilum_decode_header_async");
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, decode_file_thread);
}

/**
 * hilum_decode_header_finish:
 *
 * Returns: (transfer full): an image with metadata but no pixels, or %NULL with @error
 *   set (HILUM_DECODE_ERROR, or G_IO_ERROR_CANCELLED)
 */
HilumImage *
hilum_decode_header_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hilum_decode_header_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

HilumImage *
_hilum_decoder_image_from_reply (const guint8 *reply,
                                 gsize         length)
{
  g_auto(HelperOutput) output = { 0, };
  const guint8 *newline = memchr (reply, '\n', MIN (length, MAX_HEADER_BYTES));
  gint64 expected;

  if (newline == NULL || (output.header = parse_header_line (reply, newline - reply)) == NULL)
    return NULL;
  expected = expected_pixel_bytes (output.header);
  if (expected < 0 || (gsize) expected > length - (newline + 1 - reply))
    return NULL;
  output.n_pixel_bytes = expected;
  output.pixels = expected > 0 ? g_memdup2 (newline + 1, expected) : NULL;
  return build_image ("reply", &output);
}
