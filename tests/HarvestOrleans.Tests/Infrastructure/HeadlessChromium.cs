using System.Diagnostics;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>Debian's Chromium, headless: loads a page, lets its scripts run for a few seconds of virtual time, returns the DOM.</summary>
public static class HeadlessChromium
{
    public static async Task<string> DumpDomAsync(Uri url, int virtualTimeMs = 5000)
    {
        var executable = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed (Debian package 'chromium'); test.sh installs it.");
        var profile = Directory.CreateTempSubdirectory("harvest-chromium-");
        try
        {
            var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", $"--user-data-dir={profile.FullName}", $"--virtual-time-budget={virtualTimeMs}",
                "--dump-dom", url.ToString(),
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var dom = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await errors}");
            return await dom;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
