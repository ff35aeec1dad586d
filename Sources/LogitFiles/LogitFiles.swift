/// Readers of logits and labels from files: see the files beside this one.
public enum LogitFiles {}
