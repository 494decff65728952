/** Ingress status: the gateway's address on the Ingresses of class {@code wharf} (or of the default class). */
package dev.wharf.controllers.ingress;
