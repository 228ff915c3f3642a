using Quarry.Parsing.Sources.Office.Xlsx;

namespace Quarry.Parsing.Tests.Sources.Office;

public class NumberFormatTests
{
    [Theory]
    [InlineData(1234.5, "General", "1234.5")]
    [InlineData(0.1 + 0.2, "General", "0.3")]
    [InlineData(123456789012345, "General", "1.23457E+14")]
    [InlineData(1234.5, "0", "1235")]
    [InlineData(1234.567, "#,##0.00", "1,234.57")]
    [InlineData(-1234.5, "#,##0.00;(#,##0.00)", "(1,234.50)")]
    [InlineData(-3, "0.0", "-3.0")]
    [InlineData(0.256, "0.0%", "25.6%")]
    [InlineData(12345, "[$€-407]#,##0", "€12,345")]
    [InlineData(5, "\"Qty: \"0", "Qty: 5")]
    [InlineData(1500000, "#,##0,\"K\"", "1,500K")]
    [InlineData(12345.678, "0.00E+00", "1.23E+04")]
    [InlineData(45306, "yyyy-mm-dd", "2024-01-15")]
    [InlineData(45306, "m/d/yyyy", "1/15/2024")]
    [InlineData(45306, "d-mmm-yy", "15-Jan-24")]
    [InlineData(45306.6041666667, "h:mm AM/PM", "2:30 PM")]
    [InlineData(45306.6041666667, "hh:mm:ss", "14:30:00")]
    [InlineData(1.5, "[h]:mm", "36:00")]
    [InlineData(45306, "dddd, mmmm d, yyyy", "Monday, January 15, 2024")]
    public void Numbers_show_as_their_format_says(double value, string code, string shown) =>
        Assert.Equal(shown, NumberFormat.Format(value, code, date1904: false));

    [Fact]
    public void Built_in_format_ids_resolve() => Assert.Equal("m/d/yyyy", NumberFormat.BuiltInCode(14));
}
