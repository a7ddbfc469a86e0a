// Fidelity benchmark (issue 10): the built-in pipeline on the ideas in bench/fidelity/ideas.tsv, up to the shot lists
// and the voices (no compose). For each idea: does the protagonist's role and the key object (as a person annotated them)
// appear in the logline and in the first scene; are the loglines distinct; how far is the voiced episode from its length
// (60 s, or the second argument: ./dreamx.sh bench fidelity bench/fidelity/ideas.tsv 30).
// Details go to standard error; standard output gets one line:
//   fidelity: N ideas, S s episodes, protagonist X %, key object Y %, distinct loglines D/N, length error median M %, max W %
using System.Globalization;
using DreamX.Infrastructure.Providers.Builtin;
using DreamX.Tests.Infrastructure.Providers.Builtin;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var file = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "fidelity", "ideas.tsv");
var Seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
if (!File.Exists(file))
{
    Console.Error.WriteLine($"fidelity bench: no ideas file at {file}");
    return 2;
}
var ideas = File.ReadAllLines(file)
    .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
    .Select(l => l.Split('\t'))
    .Select(p => (Language: p[0], Genre: p[1].Length == 0 ? null : p[1], Role: p[2], Object: p[3], Idea: p[4]))
    .ToList();

var speech = new EspeakSpeechProvider();
var protagonist = 0;
var keyObject = 0;
var loglines = new List<string>();
var errors = new List<double>();
foreach (var idea in ideas)
{
    var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(idea.Idea, idea.Language, episodes: 1, seconds: Seconds, genre: idea.Genre));
    var scene = run.Scripts[0].Scenes[0];
    var sceneText = string.Join(" ", new[] { scene.Location }.Concat(scene.ActionLines).Concat(scene.Lines.Select(l => l.Text)));
    bool In(string part) => run.Bible.Logline.Contains(part, StringComparison.OrdinalIgnoreCase) && sceneText.Contains(part, StringComparison.OrdinalIgnoreCase);
    var hasRole = In(idea.Role);
    var hasObject = In(idea.Object);
    protagonist += hasRole ? 1 : 0;
    keyObject += hasObject ? 1 : 0;
    loglines.Add(run.Bible.Logline);
    var timing = await VoicedEpisode.TimeAsync(run, 1, speech);
    var error = timing.ErrorPercent(Seconds);
    errors.Add(error);
    Console.Error.WriteLine($"[{idea.Language} {run.Bible.Genre}] role {(hasRole ? "ok" : "MISSING")} ({idea.Role}), object {(hasObject ? "ok" : "MISSING")} ({idea.Object}), " +
        $"planned {timing.PlannedSeconds:0.0} s, voiced {timing.VoicedSeconds:0.0} s ({error:0.0} %), {timing.Lines} lines");
    Console.Error.WriteLine($"    {run.Bible.Logline}");
    if (Environment.GetEnvironmentVariable("FIDELITY_SHOTS") == "1")
        foreach (var list in run.ShotLists.Where(s => s.EpisodeNumber == 1).OrderBy(s => s.SceneNumber))
            foreach (var shot in list.Shots)
                Console.Error.WriteLine($"      s{list.SceneNumber} {shot.DurationSeconds:0.0}s {shot.SpokenLine?.Text ?? "-"}");
}

errors.Sort();
var median = errors.Count % 2 == 1 ? errors[errors.Count / 2] : (errors[errors.Count / 2 - 1] + errors[errors.Count / 2]) / 2;
var n = ideas.Count;
Console.WriteLine($"fidelity: {n} ideas, {Seconds} s episodes, protagonist {100.0 * protagonist / n:0} %, key object {100.0 * keyObject / n:0} %, " +
    $"distinct loglines {loglines.Distinct().Count()}/{n}, length error median {median:0.0} %, max {errors[^1]:0.0} %");
return 0;
