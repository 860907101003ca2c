using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Zoho.Crm;

namespace Offboarding.Functions.Tests.Architecture;

/// <summary>Production classes stay small enough to read: at most 300 lines, at most six constructor dependencies, no boilerplate constructors.</summary>
public sealed partial class ClassShapeTests
{
    private const int MaxLines = 300;
    private const int MaxDependencies = 6;

    public static TheoryData<string> ProductionRoots => new() { SourceTree.AppRoot, "functions/Zoho.Crm", SourceTree.SubscriberRoot };

    [Theory]
    [MemberData(nameof(ProductionRoots))]
    public void No_file_and_so_no_class_is_longer_than_300_lines(string root)
    {
        var tooLong = SourceTree.Files(root)
            .Select(file => (File: Path.GetFileName(file), Lines: File.ReadLines(file).Count()))
            .Where(file => file.Lines > MaxLines)
            .Select(file => $"{file.File} ({file.Lines})");

        Assert.Empty(tooLong);
    }

    [Theory]
    [MemberData(nameof(ProductionRoots))]
    public void No_constructor_only_checks_its_arguments_for_null(string root)
    {
        var boilerplate = SourceTree.Files(root)
            .Where(file => Constructor().Matches(File.ReadAllText(file)).Any(ctor => ctor.Groups["body"].Value
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .All(line => NullCheckAssignment().IsMatch(line))))
            .Select(Path.GetFileName);

        Assert.Empty(boilerplate);
    }

    public static TheoryData<string> ProductionAssemblies => new() { typeof(FunctionAppServiceCollectionExtensions).Assembly.GetName().Name!, typeof(ZohoCrmClient).Assembly.GetName().Name!, typeof(Offboarding.Subscriber.SubscriberServiceCollectionExtensions).Assembly.GetName().Name! };

    [Theory]
    [MemberData(nameof(ProductionAssemblies))]
    public void No_class_takes_more_than_six_constructor_dependencies(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var crowded = assembly.GetTypes()
            .Where(type => type.IsClass && !type.IsAbstract && !IsRecord(type) && !typeof(Exception).IsAssignableFrom(type) && type.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .Select(type => (type.FullName, Most: type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Select(c => c.GetParameters().Length).DefaultIfEmpty(0).Max()))
            .Where(type => type.Most > MaxDependencies)
            .Select(type => $"{type.FullName} ({type.Most})")
            .ToList();

        Assert.True(crowded.Count == 0, "More than six constructor parameters: " + string.Join(", ", crowded));
    }

    // Records and exceptions are data: their constructor parameters are the values they carry, not services.
    private static bool IsRecord(Type type) => type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    [GeneratedRegex(@"\n    (?:public|internal|private) \w+\([^)]*\)\s*\n    \{\n(?<body>(?:(?!\n    \}).)*)\n    \}", RegexOptions.Singleline)]
    private static partial Regex Constructor();

    [GeneratedRegex(@"^(?:_\w+ = \(?\w+ \?\? throw new ArgumentNullException\(nameof\(\w+\)\)\)?(?:\.Value)?;|ArgumentNullException\.ThrowIfNull\(\w+\);)$")]
    private static partial Regex NullCheckAssignment();
}
