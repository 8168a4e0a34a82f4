using System.Globalization;
using System.Text;

namespace HarvestOrleans.Experiments.Traces;

/// <summary>
/// Small generated traces in the Azure 2019 and 2021 formats, shipped under samples/traces so the comparison runs on a
/// fresh clone (real traces are read from a path). Deterministic: the same seed writes the same files. Functions follow
/// the shapes seen in the real traces: steady, bursty, periodic (timer-triggered) and rare.
/// </summary>
public static class SampleTraces
{
    public static void Write2019(string folder, int functions = 16, int minutes = 10, int seed = 2019)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var invocations = new StringBuilder("HashOwner,HashApp,HashFunction,Trigger," + string.Join(',', Enumerable.Range(1, minutes)) + "\n");
        var durations = new StringBuilder("HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum\n");
        for (var f = 0; f < functions; f++)
        {
            var (owner, app, function) = (Hash(random), Hash(random), Hash(random));
            var shape = f % 4;
            var trigger = shape == 2 ? "timer" : shape == 3 ? "queue" : "http";
            var rate = 1.5 + (random.NextDouble() * 1.5); // a small slice of a real trace: about 20 invocations a minute in all
            var counts = Enumerable.Range(0, minutes).Select(m => shape switch
            {
                0 => Poisson(random, rate),                                 // steady
                1 => random.NextDouble() < 0.25 ? Poisson(random, 6) : 0,   // bursty
                2 => m % 2 == 0 ? 3 : 0,                                    // periodic
                _ => random.NextDouble() < 0.3 ? 1 : 0,                     // rare
            }).ToArray();
            invocations.Append($"{owner},{app},{function},{trigger},{string.Join(',', counts)}\n");
            var average = Math.Round(20 + (random.NextDouble() * random.NextDouble() * 800), 1);
            durations.Append(string.Create(CultureInfo.InvariantCulture, $"{owner},{app},{function},{average},{counts.Sum()},{average / 2},{average * 3}\n"));
        }

        File.WriteAllText(Path.Combine(folder, "invocations_per_function_md.anon.d01.csv"), invocations.ToString());
        File.WriteAllText(Path.Combine(folder, "function_durations_percentiles.anon.d01.csv"), durations.ToString());
    }

    public static void Write2021(string path, int functions = 25, double seconds = 600, int seed = 2021)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var random = new Random(seed);
        var rows = new List<(double End, string Line)>();
        for (var f = 0; f < functions; f++)
        {
            var (app, function) = (Hash(random), Hash(random));
            var perSecond = f % 5 == 0 ? 0.05 + (random.NextDouble() * 0.05) : 0.002 + (random.NextDouble() * 0.008);
            var duration = 0.02 + (random.NextDouble() * random.NextDouble() * 0.8);
            for (var t = random.NextDouble() / perSecond; t < seconds; t += -Math.Log(1 - random.NextDouble()) / perSecond)
            {
                var d = duration * (0.5 + random.NextDouble());
                rows.Add((t + d, string.Create(CultureInfo.InvariantCulture, $"{app},{function},{t + d:0.###},{d:0.###}")));
            }
        }

        File.WriteAllLines(path, ["app,func,end_timestamp,duration", .. rows.OrderBy(r => r.End).Select(r => r.Line)]);
    }

    private static string Hash(Random random) => Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64()));

    private static int Poisson(Random random, double mean)
    {
        var (l, k, p) = (Math.Exp(-mean), 0, 1.0);
        do
        {
            k++;
            p *= random.NextDouble();
        }
        while (p > l);
        return k - 1;
    }
}
