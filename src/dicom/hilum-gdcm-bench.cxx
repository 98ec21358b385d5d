/* hilum-gdcm-bench.cxx — the raw GDCM decode time of DICOM files (not installed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The yardstick of bench-open-study: gdcm::ImageReader + GetBuffer, nothing of Hilum
 * around it. Usage: hilum-gdcm-bench [-n RUNS] FILE…  Prints the median wall time of
 * each file and the sum of the medians. Times are never asserted.
 */
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <gdcmImage.h>
#include <gdcmImageReader.h>

namespace {

double
decode_ms (const char *path, bool *ok)
{
  auto start = std::chrono::steady_clock::now ();
  gdcm::ImageReader reader;

  reader.SetFileName (path);
  *ok = reader.Read ();
  if (*ok)
    {
      const gdcm::Image &image = reader.GetImage ();
      std::vector<char> buffer (image.GetBufferLength ());

      *ok = image.GetBuffer (buffer.data ());
    }

  return std::chrono::duration<double, std::milli> (std::chrono::steady_clock::now () - start).count ();
}

}

int
main (int argc, char **argv)
{
  int runs = 5;
  int first = 1;
  double sum = 0;

  if (argc > 2 && std::strcmp (argv[1], "-n") == 0)
    {
      runs = std::max (1, std::atoi (argv[2]));
      first = 3;
    }
  if (first >= argc)
    {
      std::fprintf (stderr, "Usage: %s [-n RUNS] FILE…\n", argv[0]);
      return 2;
    }

  for (int i = first; i < argc; i++)
    {
      std::vector<double> times;

      for (int r = 0; r < runs; r++)
        {
          bool ok;
          double ms = decode_ms (argv[i], &ok);

          if (!ok)
            {
              std::fprintf (stderr, "%s: GDCM could not decode the file\n", argv[i]);
              return 1;
            }
          times.push_back (ms);
        }
      std::sort (times.begin (), times.end ());
      std::printf ("%s\t%.1f ms (median of %d)\n", argv[i], times[times.size () / 2], runs);
      sum += times[times.size () / 2];
    }
  std::printf ("sum\t%.1f ms\n", sum);
  return 0;
}
