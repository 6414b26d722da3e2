package dev.sparktune.store;

class InMemoryJournalBackendContractTest extends JournalBackendContract {
  @Override
  protected JournalBackend fresh() {
    return new InMemoryJournalBackend();
  }
}
