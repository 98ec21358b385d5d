/* bench-open-study.c — opening a two-image study: first painted frame, UI stalls, RSS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A synthetic 3000 × 3000 12-bit CR study (frontal + lateral, hilum_demo_write_study).
 * Each run builds a new window with a real HilumStudyView, scans the folder in a
 * worker thread as the app does (timed separately), sets the study, and measures from
 * hilum_study_view_set_study () to the end of the first frame clock "after-paint" in
 * which both slots are in the IMAGE state. Median of 5 runs, compared with the raw
 * GDCM decode of the two files (src/dicom/hilum-gdcm-bench, median of 5 each, summed).
 *
 * UI-thread stalls: a GMainContext poll-func wrapper measures every main-loop
 * iteration's time outside poll(), i.e. how long the UI thread could not react; the
 * max and p99 over the open (scan start → first painted frame + 300 ms) are printed,
 * and every block over 16 ms with what was happening. Peak RSS: VmHWM, reset after the
 * study files are written. Targets (issue #2): ratio ≤ 1.3, stalls ≤ 16 ms,
 * RSS ≤ 250 MB. Prints figures; asserts nothing.
 *
 * Run: meson test -C build --benchmark bench-open-study -v
 * (`bench-open-study --write-study DIR` only writes the study, for bench-app-rss.sh.)
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "hilum-demo.h"
#include "hilum-image-slot.h"
#include "hilum-study-view.h"

#define SIZE 3000
#define N_RUNS 5
#define STALL_LIMIT_MS 16.0
#define SETTLE_MS 300

typedef struct
{
  double start;    /* ms, monotonic */
  double length;   /* ms */
  double frame;    /* ms of it inside the frame clock (update/layout/paint → after-paint) */
  double cpu;      /* ms of CPU the UI thread used in it; the rest it waited or was preempted */
  const char *phase;
} Block;

static GPollFunc default_poll;
static gboolean recording;
static double poll_returned;   /* ms; 0 before the first poll */
static double poll_returned_cpu;
static GArray *blocks;         /* Block */
static const char *phase = "idle";
static const char *block_phase = "idle";  /* the phase when the iteration began */
static double frame_start;                /* ms; 0 outside a frame */
static double frame_in_block;             /* ms of frame clock work in this iteration */

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The time between one poll() returning and the next poll() starting is the time the
 * main loop spent dispatching: the UI thread was blocked for that long. */
static gint
timing_poll (GPollFD *fds,
             guint    nfds,
             gint     timeout)
{
  double entered = now_ms ();
  gint result;

  if (recording && poll_returned > 0)
    {
      Block block = { poll_returned, entered - poll_returned, frame_in_block,
                      thread_cpu_ms () - poll_returned_cpu, block_phase };

      g_array_append_val (blocks, block);
    }

  result = default_poll (fds, nfds, timeout);
  poll_returned = now_ms ();
  poll_returned_cpu = thread_cpu_ms ();
  block_phase = phase;
  frame_in_block = 0;
  return result;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static long
status_kb (const char *key)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL) ||
      !(line = strstr (contents, key)))
    return -1;
  return strtol (line + strlen (key) + 1, NULL, 10);
}

typedef struct
{
  GtkWidget *window;
  HilumStudyView *view;
  GdkFrameClock *clock;
  GPtrArray *studies;
  double scan_start, scan_end;
  double set_start, set_end;
  double painted;                 /* end of the first after-paint with both images */
  double slot_image[2];           /* when each slot reached IMAGE */
  gboolean done;
} Run;

/* The first phase of a frame that has work (update, layout or paint) starts its time. */
static void
frame_phase_cb (GdkFrameClock *clock,
                Run           *run)
{
  if (frame_start == 0)
    frame_start = now_ms ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  HilumSlotState a, b;

  if (frame_start > 0)
    frame_in_block += now_ms () - frame_start;
  frame_start = 0;

  if (run->painted > 0 || run->set_start == 0)
    return;

  a = hilum_image_slot_get_state (hilum_study_view_get_slot (run->view, HILUM_SLOT_FRONTAL));
  b = hilum_image_slot_get_state (hilum_study_view_get_slot (run->view, HILUM_SLOT_LATERAL));
  for (guint i = 0; i < 2; i++)
    {
      HilumSlotState s = i == 0 ? a : b;

      if (s == HILUM_SLOT_STATE_IMAGE && run->slot_image[i] == 0)
        run->slot_image[i] = now_ms ();
    }
  if (a == HILUM_SLOT_STATE_IMAGE && b == HILUM_SLOT_STATE_IMAGE)
    {
      run->painted = now_ms ();
      phase = "after the first frame";
    }
}

static void
slot_state_cb (HilumImageSlot *slot,
               GParamSpec     *pspec,
               Run            *run)
{
  if (hilum_image_slot_get_state (slot) == HILUM_SLOT_STATE_IMAGE)
    phase = "image handed to a slot → its first frames";
}

static gboolean
settle_cb (gpointer user_data)
{
  Run *run = user_data;

  run->done = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
check_painted_cb (gpointer user_data)
{
  Run *run = user_data;

  if (run->painted == 0)
    return G_SOURCE_CONTINUE;
  g_timeout_add (SETTLE_MS, settle_cb, run);
  return G_SOURCE_REMOVE;
}

static void
scan_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *paths[] = { task_data, NULL };
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);

  g_task_return_pointer (task, hilum_scan_paths (paths, failures, cancellable),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
scan_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;

  run->studies = g_task_propagate_pointer (G_TASK (result), NULL);
  run->scan_end = now_ms ();
  if (run->studies == NULL || run->studies->len != 1)
    g_error ("the scan found %u studies, not 1", run->studies ? run->studies->len : 0);

  phase = "hilum_study_view_set_study";
  run->set_start = now_ms ();
  hilum_study_view_set_study (run->view, g_ptr_array_index (run->studies, 0));
  run->set_end = now_ms ();
  phase = "decoding (UI idle, frames)";
}

static gboolean
start_scan_cb (gpointer user_data)
{
  Run *run = user_data;
  GTask *task = g_task_new (NULL, NULL, scan_done_cb, run);

  phase = "scan";
  run->scan_start = now_ms ();
  g_task_set_task_data (task, g_strdup (g_object_get_data (G_OBJECT (run->window), "dir")), g_free);
  g_task_run_in_thread (task, scan_thread);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
one_run (const char *dir,
         Run        *run)
{
  GMainContext *context = g_main_context_default ();

  run->window = gtk_window_new ();
  g_object_set_data_full (G_OBJECT (run->window), "dir", g_strdup (dir), g_free);
  gtk_window_set_default_size (GTK_WINDOW (run->window), 1600, 1000);
  run->view = HILUM_STUDY_VIEW (hilum_study_view_new ());
  gtk_window_set_child (GTK_WINDOW (run->window), GTK_WIDGET (run->view));
  for (guint i = 0; i < 2; i++)
    g_signal_connect (hilum_study_view_get_slot (run->view, i), "notify::state",
                      G_CALLBACK (slot_state_cb), run);
  gtk_window_present (GTK_WINDOW (run->window));

  /* The empty window is mapped and painted before the clock starts. */
  while (!gtk_widget_get_mapped (run->window) || !gtk_widget_get_frame_clock (run->window))
    g_main_context_iteration (context, TRUE);
  run->clock = gtk_widget_get_frame_clock (run->window);
  g_signal_connect (run->clock, "update", G_CALLBACK (frame_phase_cb), run);
  g_signal_connect (run->clock, "layout", G_CALLBACK (frame_phase_cb), run);
  g_signal_connect (run->clock, "paint", G_CALLBACK (frame_phase_cb), run);
  g_signal_connect_after (run->clock, "after-paint", G_CALLBACK (after_paint_cb), run);
  for (double until = now_ms () + 300; now_ms () < until;)
    g_main_context_iteration (context, FALSE);

  g_array_set_size (blocks, 0);
  poll_returned = 0;
  recording = TRUE;
  g_idle_add (start_scan_cb, run);
  g_timeout_add (1, check_painted_cb, run);
  while (!run->done)
    g_main_context_iteration (context, TRUE);
  recording = FALSE;
  phase = "idle";
  g_signal_handlers_disconnect_by_data (run->clock, run);
}

static void
run_free (Run *run)
{
  for (guint i = 0; i < 2; i++)
    g_signal_handlers_disconnect_by_data (hilum_study_view_get_slot (run->view, i), run);
  gtk_window_destroy (GTK_WINDOW (run->window));
  g_clear_pointer (&run->studies, g_ptr_array_unref);
  while (g_main_context_iteration (NULL, FALSE));
}

/* The raw GDCM decode of the files, from the hilum-gdcm-bench next to the helper. */
static double
gdcm_decode_ms (const char *frontal,
                const char *lateral)
{
  const char *helper = g_getenv ("HILUM_DECODE");
  g_autofree char *helper_dir = helper ? g_path_get_dirname (helper) : g_strdup ("src/dicom");
  g_autofree char *bench = g_build_filename (helper_dir, "hilum-gdcm-bench", NULL);
  const char *argv[] = { bench, "-n", "5", frontal, lateral, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *sum;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    {
      printf ("  hilum-gdcm-bench failed: %s\n", error->message);
      return -1;
    }
  printf ("Raw GDCM decode (gdcm::ImageReader + GetBuffer, median of 5):\n");
  for (char **line = g_strsplit (out, "\n", -1), **l = line; *l; l++)
    {
      if (**l)
        printf ("  %s\n", g_strdelimit (*l, "\t", ' '));
      if (l[1] == NULL)
        g_strfreev (line);
    }
  sum = strstr (out, "sum\t");
  return sum ? g_ascii_strtod (sum + 4, NULL) : -1;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *frontal = NULL, *lateral = NULL;
  g_autoptr(GError) error = NULL;
  double open_ms[N_RUNS], scan_ms[N_RUNS], total_ms[N_RUNS], set_ms[N_RUNS];
  double worst_stall = 0, p99s[N_RUNS];
  double worst_cpu = 0, cpu_p99s[N_RUNS];
  double raw;
  long hwm_first = -1;
  gboolean hwm_reset;
  guint n_over = 0;

  setlocale (LC_ALL, "");

  /* For bench-app-rss.sh: the same study, for the real app. */
  if (argc == 3 && strcmp (argv[1], "--write-study") == 0)
    {
      if (!hilum_demo_write_study (argv[2], SIZE, SIZE, &error))
        g_error ("%s", error->message);
      return 0;
    }

  dir = g_dir_make_tmp ("hilum-bench-open-XXXXXX", &error);
  g_assert_no_error (error);
  if (!hilum_demo_write_study (dir, SIZE, SIZE, &error))
    g_error ("%s", error->message);
  frontal = g_build_filename (dir, HILUM_DEMO_FRONTAL_FILE, NULL);
  lateral = g_build_filename (dir, HILUM_DEMO_LATERAL_FILE, NULL);

  printf ("Opening a %u × %u 12-bit two-image study (%s)\n\n", SIZE, SIZE, dir);
  raw = gdcm_decode_ms (frontal, lateral);

  /* Writing the study made its own images: the peak that matters starts here. */
  {
    FILE *clear_refs = fopen ("/proc/self/clear_refs", "w");

    hwm_reset = clear_refs != NULL && fputs ("5", clear_refs) >= 0;
    if (clear_refs != NULL && fclose (clear_refs) != 0)
      hwm_reset = FALSE;
  }

  gtk_init ();
  blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  default_poll = g_main_context_get_poll_func (g_main_context_default ());
  g_main_context_set_poll_func (g_main_context_default (), timing_poll);

  printf ("\nRuns (new window and study view each; scan in a worker thread as in the app):\n");
  for (guint r = 0; r < N_RUNS; r++)
    {
      Run run = { 0 };
      g_autofree double *lengths = NULL;
      g_autofree double *cpus = NULL;
      double max = 0, max_cpu = 0;

      one_run (dir, &run);
      scan_ms[r] = run.scan_end - run.scan_start;
      open_ms[r] = run.painted - run.set_start;
      set_ms[r] = run.set_end - run.set_start;
      total_ms[r] = run.painted - run.scan_start;

      lengths = g_new (double, MAX (blocks->len, 1));
      cpus = g_new (double, MAX (blocks->len, 1));
      for (guint i = 0; i < blocks->len; i++)
        {
          Block *b = &g_array_index (blocks, Block, i);

          lengths[i] = b->length;
          cpus[i] = b->cpu;
          max = MAX (max, b->length);
          max_cpu = MAX (max_cpu, b->cpu);
          if (b->length > STALL_LIMIT_MS)
            {
              n_over++;
              printf ("    block %5.1f ms (UI thread CPU %4.1f ms) at +%5.1f ms after the scan "
                      "started, %4.1f ms of it in a frame; began during: %s\n", b->length, b->cpu,
                      b->start - run.scan_start, b->frame, b->phase);
            }
        }
      qsort (lengths, blocks->len, sizeof (double), compare_doubles);
      qsort (cpus, blocks->len, sizeof (double), compare_doubles);
      p99s[r] = blocks->len ? lengths[(guint) ((blocks->len - 1) * 0.99)] : 0;
      cpu_p99s[r] = blocks->len ? cpus[(guint) ((blocks->len - 1) * 0.99)] : 0;
      worst_stall = MAX (worst_stall, max);
      worst_cpu = MAX (worst_cpu, max_cpu);
      printf ("  run %u: scan %6.1f ms, set_study %5.1f ms, first frame %6.1f ms after set_study "
              "(frontal painted +%.1f, lateral +%.1f), %u loop iterations, longest block %.1f ms (CPU %.1f), p99 %.1f ms\n",
              r + 1, scan_ms[r], set_ms[r], open_ms[r],
              run.slot_image[0] - run.set_start, run.slot_image[1] - run.set_start,
              blocks->len, max, max_cpu, p99s[r]);
      run_free (&run);
      if (r == 0)
        hwm_first = status_kb ("VmHWM:");
    }

  {
    double open = median (open_ms, N_RUNS), total = median (total_ms, N_RUNS);
    double scan = median (scan_ms, N_RUNS), set = median (set_ms, N_RUNS);
    double p99 = median (p99s, N_RUNS);

    printf ("\n=== bench-open-study (3000 × 3000, 12-bit, 2 images; medians of %d) ===\n", N_RUNS);
    printf ("  raw GDCM decode, both files (sum)     %8.1f ms\n", raw);
    printf ("  scan of the folder (worker thread)    %8.1f ms\n", scan);
    printf ("  set_study call itself (UI thread)     %8.1f ms\n", set);
    printf ("  first painted frame, without scan     %8.1f ms   ratio %.2f (target ≤ 1.3)\n",
            open, raw > 0 ? open / raw : 0);
    printf ("  first painted frame, with scan        %8.1f ms   ratio %.2f\n",
            total, raw > 0 ? total / raw : 0);
    printf ("  UI thread: longest block (all runs)   %8.1f ms   (target ≤ 16 ms)\n", worst_stall);
    printf ("  UI thread: p99 block (median of runs) %8.1f ms\n", p99);
    printf ("  UI thread CPU in one block: max       %8.1f ms   p99 %.1f ms (the work; the rest "
            "of a block is waiting for a core or for the X server)\n",
            worst_cpu, median (cpu_p99s, N_RUNS));
    printf ("  blocks > 16 ms (all runs)             %8u\n", n_over);
    printf ("  peak RSS (VmHWM) after run 1          %8.1f MB%s (target ≤ 250 MB)\n",
            hwm_first / 1024.0, hwm_reset ? "" : " (not reset after writing the study)");
    printf ("  peak RSS (VmHWM) after all runs       %8.1f MB\n", status_kb ("VmHWM:") / 1024.0);
    printf ("  RSS now (VmRSS)                       %8.1f MB\n", status_kb ("VmRSS:") / 1024.0);
  }

  g_unlink (frontal);
  g_unlink (lateral);
  g_rmdir (dir);
  g_array_unref (blocks);
  return 0;
}
