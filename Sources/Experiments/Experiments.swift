/// Experiments on real data: see the files beside this one.
public enum Experiments {}
