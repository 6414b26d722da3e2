package dev.sparktune.store;

class InMemoryTrialStoreContractTest extends TrialStoreContract {
  @Override
  protected TrialStore fresh() {
    return new InMemoryTrialStore();
  }
}
