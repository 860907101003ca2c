using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using TestSupport;

namespace Offboarding.Functions.Tests.Hosting.Deployment;

/// <summary>
/// Runs publish.sh (slow: a self-contained linux-x64 publish) and checks the deploy layout the Functions host needs,
/// then starts the published handler the way the host does and waits for its readiness answer.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // publish.sh is bash and zips on Linux to keep the execute bit
public sealed class PublishLayoutTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "offboarding-publish-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public async Task Publish_produces_host_json_one_folder_per_function_and_an_executable_handler_zipped()
    {
        await RunAsync("bash", [Path.Combine(RepositoryRoot.Path, "publish.sh"), _out], RepositoryRoot.Path, TimeSpan.FromMinutes(9));
        var layout = Path.Combine(_out, "deploy");
        var zipPath = Path.Combine(_out, "offboarding-functions.zip");

        // host.json names the handler, which exists and is executable, in the folder and in the zip.
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(layout, "host.json")));
        var executable = hostJson.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
        var handlerPath = Path.Combine(layout, executable);
        Assert.True(File.Exists(handlerPath), $"{executable} named in host.json is not in the layout");
        Assert.True(File.GetUnixFileMode(handlerPath).HasFlag(UnixFileMode.UserExecute));

        using var zip = ZipFile.OpenRead(zipPath);
        var entries = zip.Entries.ToDictionary(e => e.FullName.TrimStart('.', '/'), StringComparer.Ordinal);
        Assert.Contains("host.json", entries.Keys);
        var handlerEntry = entries[executable];
        var unixMode = (UnixFileMode)((handlerEntry.ExternalAttributes >> 16) & 0x1FF);
        Assert.True(unixMode.HasFlag(UnixFileMode.UserExecute), $"the zip lost the execute bit of {executable} (mode {unixMode})");

        // Exactly the source tree's function.json files, one top-level folder each, in the folder and in the zip.
        var source = FunctionJsonFiles.InSourceTree();
        var published = FunctionJsonFiles.InLayout(layout);
        Assert.Equal(source.Keys.Order(StringComparer.Ordinal), published.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, json) in source)
        {
            Assert.Equal(json.GetRawText(), published[name].GetRawText());
            Assert.Contains($"{name}/function.json", entries.Keys);
        }

        await AssertHandlerStartsAsTheHostStartsItAsync(layout, handlerPath);
    }

    private static async Task AssertHandlerStartsAsTheHostStartsItAsync(string layout, string handlerPath)
    {
        var port = FreePort.Next();
        var info = new ProcessStartInfo(handlerPath) { WorkingDirectory = layout, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["FUNCTIONS_APP_ROOT_PATH"] = layout;
        foreach (var (key, value) in SampleSettings.Values())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient();
            var deadline = DateTime.UtcNow.AddSeconds(30); // the host's initialization timeout
            while (true)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
                    Assert.True(response.IsSuccessStatusCode);
                    Assert.Contains("CustomHandler", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                    return;
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
                {
                    await Task.Delay(100);
                }
                catch (HttpRequestException)
                {
                    lock (output)
                    {
                        Assert.Fail($"The published handler did not answer GET / within 30 s. Output:\n{output}");
                    }
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task RunAsync(string file, string[] args, string workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }
}
