/** Synthetic demonstration data: a seeded city with agency caseloads and a screening list. */
package nl.hitmachine.connector.demo;
