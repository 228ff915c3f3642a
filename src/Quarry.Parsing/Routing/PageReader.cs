namespace Quarry.Parsing.Routing;

/// <summary>The reader a page is routed to.</summary>
public enum PageReader
{
    TextLayer,
    Ocr,

    /// <summary>The whole page is read by the model (<see cref="Readers.Model.IModelPageReader.ReadPageAsync"/>).</summary>
    Model,

    /// <summary>
    /// The text layer reads the page; the regions it reads badly (tables, display equations, figures with
    /// text) then go to the model (<see cref="Readers.Model.IModelPageReader.ReadRegionsAsync"/>).
    /// </summary>
    TextLayerWithModelRegions,
}
