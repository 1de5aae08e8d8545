namespace CircuitSim.Model;

public enum BackendKind { Auto, Reference, Simd, Gpu }

/// <summary>
/// A scenario after parsing, merging, unit conversion and validation: everything a run needs,
/// in internal units (ms, mV, nS, pF, pA, Hz, µm). Knows nothing of YAML or of backends.
/// </summary>
public sealed class ScenarioSpec
{
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    /// <summary>The file the scenario came from (for messages); empty when built in code.</summary>
    public string SourceFile { get; set; } = "";
    public ulong Seed { get; set; } = 1;
    public double DurationMs { get; set; }
    public double DtMs { get; set; } = 0.1;
    public BackendKind Backend { get; set; } = BackendKind.Auto;
    /// <summary>In file order.</summary>
    public List<PopulationSpec> Populations { get; } = new();
    public List<ProjectionSpec> Projections { get; } = new();
    public List<StimulusSpec> Stimuli { get; } = new();
    public List<InterventionSpec> Interventions { get; } = new();
    /// <summary>Neuromodulators and peptides, each one well-mixed pool.</summary>
    public List<SubstanceSpec> Substances { get; } = new();
    /// <summary>Who releases what, per spike.</summary>
    public List<ReleaseSpec> Releases { get; } = new();
    /// <summary>Receptor subtypes that the modulation uses (from the receptor library or the scenario).</summary>
    public List<ReceptorTypeSpec> ReceptorTypes { get; } = new();
    /// <summary>What the receptors' occupancies do, and where.</summary>
    public List<ModulationSpec> Modulations { get; } = new();
    /// <summary>Drugs the scenario may give (the library's and its own), by name.</summary>
    public Dictionary<string, DrugSpec> Drugs { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>
    /// Drugs that may be given during the run by a command rather than an intervention (the live view's keys):
    /// the run prepares their targets as it does for an intervention's drug.
    /// </summary>
    public List<string> LiveDrugs { get; } = new();
    /// <summary>The drugs a run may give: those of its interventions, then the live ones, each once.</summary>
    public IEnumerable<DrugSpec> DrugsGiven() =>
        Interventions.Where(i => i.Drug is not null).Select(i => Drugs[i.Drug!]).Concat(LiveDrugs.Select(d => Drugs[d])).Distinct();
    /// <summary>Steps between two updates of substances and modulation (the schedule's slow clock).</summary>
    public int ModulationEvery { get; set; } = 10;
    public RecordSpec Record { get; set; } = new();
    /// <summary>The tissue slab and its diffusing fields, or null (<c>tissue:</c> absent).</summary>
    public TissueSpec? Tissue { get; set; }
    /// <summary>What the scenario asks for that is rounded or clipped (file:line:col: key: message), for run and validate to print.</summary>
    public List<string> Warnings { get; } = new();

    public PopulationSpec? Population(string name) => Populations.Find(p => p.Name == name);
}
