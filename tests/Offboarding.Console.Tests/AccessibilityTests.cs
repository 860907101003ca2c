using Microsoft.Playwright;
using Offboarding.Console.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Offboarding.Console.Tests;

/// <summary>Readable at 1280 and 390 pixels, usable with the keyboard alone, every control named for screen readers.</summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class AccessibilityTests(ConsoleFixture fixture)
{
    // Every visible form control and button whose accessible name would be empty (labels, aria-label, text).
    internal const string UnnamedControls = """
        () => [...document.querySelectorAll('input, select, textarea, button')]
          .filter(e => e.offsetParent !== null)
          .filter(e => {
            const text = e.tagName === 'BUTTON' ? e.textContent.trim() : '';
            const labelled = (e.labels && [...e.labels].some(l => l.textContent.trim())) || e.getAttribute('aria-label');
            return !text && !labelled;
          })
          .map(e => e.outerHTML.slice(0, 120))
        """;

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task The_sign_in_the_list_and_the_details_fit_the_width_and_every_control_has_a_name(int width)
    {
        var id = await fixture.FinishedSampleAsync();
        await using var console = await ConsolePage.OpenAsync(fixture.Browser, fixture.Stack.ConsoleUri, width);

        await Expect(console.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await AssertFitsAsync(console, width);
        Assert.Empty(await console.Page.EvaluateAsync<string[]>(UnnamedControls));

        await console.SignInAsync(fixture.Stack.OperatorKey);
        await console.Page.Locator($"#list-rows button[data-id='{id}']").ClickAsync();
        await Expect(console.Page.Locator("#detail-audit > li").First).ToBeVisibleAsync();

        await AssertFitsAsync(console, width);
        Assert.Empty(await console.Page.EvaluateAsync<string[]>(UnnamedControls));
        await console.ScreenshotAsync($"console-detail-{width}");
    }

    [Fact]
    public async Task With_the_keyboard_alone_an_operator_signs_in_opens_an_offboarding_and_goes_back_to_the_list()
    {
        var id = await fixture.FinishedSampleAsync();
        await using var console = await ConsolePage.OpenAsync(fixture.Browser, fixture.Stack.ConsoleUri);
        var page = console.Page;

        // The key field has focus on arrival; Enter submits.
        await Expect(page.GetByLabel("Operator key")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(fixture.Stack.OperatorKey);
        await page.Keyboard.PressAsync("Enter");
        var row = page.Locator($"#list-rows button[data-id='{id}']");
        await Expect(row).ToBeVisibleAsync();

        // Tab reaches the row's button (bounded: the page has a few dozen stops).
        for (var presses = 0; presses < 80 && !await row.EvaluateAsync<bool>("b => b === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(row).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#detail-title")).ToBeFocusedAsync();
        await Expect(page.Locator("#detail-title")).ToContainTextAsync(Sample.Name);

        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#detail")).ToBeHiddenAsync();
        await Expect(row).ToBeFocusedAsync();
    }

    internal static async Task AssertFitsAsync(ConsolePage console, int width)
    {
        var scrollWidth = await console.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (scrollWidth > width)
        {
            // The innermost elements that reach past the viewport's edge, or whose text does: what to fix.
            var wide = await console.Page.EvaluateAsync<string[]>("""
                w => [...document.querySelectorAll('body *')]
                  .filter(e => !e.closest('thead, caption, .visually-hidden'))
                  .filter(e => (e.getBoundingClientRect().right > w || e.scrollWidth > e.clientWidth + 1) && ![...e.children].some(c => c.getBoundingClientRect().right > w))
                  .slice(0, 12).map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className} (to ${Math.round(e.getBoundingClientRect().right)} px, scrolls ${e.scrollWidth} of ${e.clientWidth})`)
                """, width);
            Assert.Fail($"The page is {scrollWidth} px wide at a {width} px viewport (it scrolls sideways): {string.Join("; ", wide)}");
        }
    }
}
