using Offboarding.Functions;
using Offboarding.Functions.Intake;
using Offboarding.LocalHost;

// Runs the function app's [Function] classes with the app's own composition, as `func start` would where Core Tools exist.
var builder = WebApplication.CreateBuilder(args);
builder.AddLocalFunctionsHost([typeof(IntakeFunctions).Assembly]);
builder.Services.AddOffboardingFunctionApp(builder.Configuration);
var app = builder.Build();
app.MapLocalFunctions();
app.Run();
